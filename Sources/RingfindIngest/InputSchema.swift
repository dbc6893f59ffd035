/// The kinds of input file and the fields each one has (the input contract).
///
/// The order of the cases is the reading order: the mapping files (`aliases`, `resources`)
/// first, so that every id and resource is resolved as the logs are read, then entities (so
/// declared kinds are known before events refer to an entity), then the three logs.
public enum InputKind: String, CaseIterable, Sendable, Comparable {
    /// `alias,id`: another name of an entity (identity resolution, `AliasTable`).
    case aliases
    /// `resource,vendor`: the vendor a resource belongs to (`ResourceMap`); a resource ending
    /// in `*` is a prefix rule.
    case resources
    case entities
    case communications
    case payments
    case access
    /// `measure,id,count`: totals of access rows left out of the access log (a reduced input;
    /// `AccessTotals`), read last.
    case totals

    /// The fields of this kind of file, in slot order.
    public var fields: [InputField] {
        switch self {
        case .aliases: [.alias, .id]
        case .resources: [.resource, .vendor]
        case .entities: [.id, .kind, .name, .group]
        case .communications: [.from, .to, .timestamp, .channel, .count, .origin]
        case .payments: [.from, .to, .amount, .timestamp, .currency, .count, .origin]
        case .access: [.employee, .action, .vendor, .resource, .timestamp, .ticket, .origin]
        case .totals: [.measure, .id, .count]
        }
    }

    /// Fields that every row must have a value for.
    public var requiredFields: [InputField] {
        switch self {
        case .aliases: [.alias, .id]
        case .resources: [.resource, .vendor]
        case .entities: [.id]
        case .communications: [.from, .to]
        case .payments: [.from, .to, .amount]
        case .access: [.employee, .action]
        case .totals: [.measure, .id, .count]
        }
    }

    /// The slot of `field` in rows of this kind, or `nil`.
    public func slot(of field: InputField) -> Int? { fields.firstIndex(of: field) }

    /// Whether columns that are not in the schema are kept (as entity attributes).
    var keepsExtraColumns: Bool { self == .entities }

    /// Whether rows of this kind are events (and so subject to the time window).
    public var isLog: Bool { self == .communications || self == .payments || self == .access }

    public static func < (lhs: InputKind, rhs: InputKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One field of the input contract, with the header names that mean it.
public enum InputField: String, CaseIterable, Sendable {
    case id, kind, name, group
    case alias
    case from, to, timestamp, channel, count, amount, currency
    case employee, action, vendor, resource, ticket
    case origin, measure

    /// Header names accepted for this field (compared after `InputField.normalise`).
    public var aliases: [String] {
        switch self {
        case .id: ["id", "entity_id", "entity", "canonical", "canonical_id"]
        case .alias: ["alias", "alias_id", "other_id", "also_known_as", "aka"]
        case .kind: ["kind", "type", "entity_type", "entity_kind"]
        case .name: ["name", "label", "display_name", "full_name"]
        case .group: ["group", "department", "dept", "team", "country", "unit"]
        case .from: ["from", "source", "sender", "src", "from_id", "payer"]
        case .to: ["to", "target", "recipient", "dst", "to_id", "receiver", "payee"]
        case .timestamp: ["timestamp", "time", "ts", "date", "datetime", "date_time"]
        case .channel: ["channel", "medium"]
        case .count: ["count", "n", "events"]
        case .amount: ["amount", "value", "sum"]
        case .currency: ["currency", "ccy"]
        case .employee: ["employee", "employee_id", "user", "user_id", "staff", "actor"]
        case .action: ["action", "operation", "op", "activity"]
        case .vendor: ["vendor", "vendor_id", "seller", "seller_id", "merchant"]
        case .resource: ["resource", "resource_id", "object"]
        case .ticket: ["ticket", "ticket_id", "ticket_number", "justification", "case", "case_id"]
        case .origin: ["origin", "raw_origin", "cited_as"]
        case .measure: ["measure"]
        }
    }

    /// A header name as compared with aliases: trimmed, lowercase, spaces and hyphens as `_`.
    public static func normalise(_ header: String) -> String {
        String(header.trimmingCharacters(in: " \t\r\n").lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
    }

    /// The field of `kind` that a header name means, or `nil`.
    public static func field(named header: String, in kind: InputKind) -> InputField? {
        let key = normalise(header)
        return kind.fields.first { $0.aliases.contains(key) }
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let drop = Set(set)
        var s = Substring(self)
        while let c = s.first, drop.contains(c) { s.removeFirst() }
        while let c = s.last, drop.contains(c) { s.removeLast() }
        return String(s)
    }
}
