import RingfindGraph

/// Why a row was rejected. Every rejected row is written to `rejected.csv` with its file,
/// line, column and this reason, and counted per reason in `build.json`.
public enum RejectReason: Sendable, Equatable, CustomStringConvertible {
    /// A CSV row with more or fewer fields than the header.
    case wrongFieldCount(expected: Int, found: Int)
    /// A required value is absent or empty.
    case missingValue(field: String)
    /// An access row with neither a vendor nor a resource.
    case missingVendorAndResource
    /// A value that should be a number is not a valid one.
    case badNumber(field: String, value: String, expected: String)
    /// An amount above `NumberParser.maximumAmount` (sums of such amounts could overflow).
    case amountTooLarge(field: String, value: String)
    /// An identifier made only of invisible characters (spaces of any kind, zero-width and
    /// bidi formatting characters): it would show as nothing.
    case invisibleID(field: String, value: String)
    /// A timestamp that is neither ISO 8601 nor integer Unix seconds.
    case badTimestamp(field: String, value: String, detail: String)
    /// An entity kind outside `employee, vendor, external, broker`.
    case unknownKind(value: String)
    /// A `totals` row whose measure is not one of `TotalMeasure`'s.
    case unknownMeasure(value: String)
    /// An entity id defined twice in the entities files.
    case duplicateEntity(id: String, firstLine: Int)
    /// Bytes that are not UTF-8 (or a NUL byte).
    case invalidUTF8
    /// A quoted CSV field that is never closed.
    case unterminatedQuote
    /// Something other than a comma or line end after a closing quote.
    case textAfterClosingQuote
    /// A JSON Lines row that is not a valid JSON object.
    case invalidJSON(detail: String)
    /// The same field given twice in one JSON object.
    case duplicateField(field: String)
    /// A `resources` prefix rule that is only `*` (it would map every resource).
    case emptyPrefix

    /// A stable snake_case code for counting and filtering.
    public var code: String {
        switch self {
        case .wrongFieldCount: "wrong_field_count"
        case .missingValue: "missing_value"
        case .missingVendorAndResource: "missing_vendor_and_resource"
        case .badNumber: "bad_number"
        case .amountTooLarge: "amount_too_large"
        case .invisibleID: "invisible_id"
        case .badTimestamp: "bad_timestamp"
        case .unknownKind: "unknown_kind"
        case .duplicateEntity: "duplicate_entity"
        case .invalidUTF8: "invalid_utf8"
        case .unterminatedQuote: "unterminated_quote"
        case .textAfterClosingQuote: "text_after_closing_quote"
        case .invalidJSON: "invalid_json"
        case .duplicateField: "duplicate_field"
        case .emptyPrefix: "empty_prefix"
        case .unknownMeasure: "unknown_measure"
        }
    }

    /// The field the reason is about, if any.
    public var field: String {
        switch self {
        case .missingValue(let f), .badNumber(let f, _, _), .badTimestamp(let f, _, _), .duplicateField(let f),
            .amountTooLarge(let f, _), .invisibleID(let f, _):
            f
        case .unknownKind: "kind"
        case .unknownMeasure: "measure"
        case .duplicateEntity: "id"
        case .missingVendorAndResource: "vendor"
        case .emptyPrefix: "resource"
        default: ""
        }
    }

    /// A readable sentence; values from the data are quoted and made safe for a terminal.
    public var description: String {
        switch self {
        case .wrongFieldCount(let expected, let found):
            "expected \(expected) fields as in the header, found \(found)"
        case .missingValue(let field):
            "missing required value '\(field)'"
        case .missingVendorAndResource:
            "an access row needs a 'vendor' or a 'resource'; both are empty"
        case .badNumber(let field, let value, let expected):
            "'\(field)' is \(TextSafety.quoted(value)), expected \(expected)"
        case .amountTooLarge(let field, let value):
            "'\(field)' is \(TextSafety.quoted(value)), above the largest amount accepted (1e15)"
        case .invisibleID(let field, let value):
            "'\(field)' is \(TextSafety.quoted(value)), which shows as nothing (only spaces or invisible characters)"
        case .badTimestamp(let field, let value, let detail):
            "'\(field)' is \(TextSafety.quoted(value)): \(detail)"
        case .unknownKind(let value):
            "unknown kind \(TextSafety.quoted(value)); expected employee, vendor, external or broker"
        case .unknownMeasure(let value):
            "unknown measure \(TextSafety.quoted(value)); expected jobs, unticketed_jobs, bulk_jobs, bulk_unticketed_jobs, accesses, other_accesses or action_rows"
        case .duplicateEntity(let id, let firstLine):
            "entity \(TextSafety.quoted(id)) is already defined at line \(firstLine)"
        case .invalidUTF8:
            "the row is not valid UTF-8 text"
        case .unterminatedQuote:
            "a quoted field is never closed"
        case .textAfterClosingQuote:
            "text after a closing quote (a quote inside a quoted field must be doubled: \"\")"
        case .invalidJSON(let detail):
            "not a valid JSON object: \(detail)"
        case .duplicateField(let field):
            "field '\(field)' is given twice"
        case .emptyPrefix:
            "a prefix rule '*' would give every resource to one vendor; give a prefix before the '*'"
        }
    }
}

/// One rejected row: where it is, why, and its text.
public struct RowRejection: Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var reason: RejectReason
    /// The row as it appears in the file (empty when `withholdsValues`).
    public var row: String
    /// A pseudonymised build shows where and why, never the row's values.
    public var withholdsValues = false

    public init(file: String, line: Int, column: Int, reason: RejectReason, row: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
        self.row = row
    }

    /// `file:line:column: reason`, the way compilers report.
    public var description: String {
        "\(TextSafety.terminal(file)):\(line):\(column): " + (withholdsValues ? withheldReason : "\(reason)")
    }

    /// The reason without any value from the row (its code and field).
    public var withheldReason: String {
        "\(reason.code)" + (reason.field.isEmpty ? "" : " in '\(reason.field)'")
            + " (values withheld: pseudonymised build)"
    }
}
