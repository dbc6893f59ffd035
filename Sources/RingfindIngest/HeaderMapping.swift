/// How the columns of a CSV header map to the fields of an input kind.
struct HeaderMapping {
    /// The slot of each column, or -1 for a column outside the schema.
    let slotOfColumn: [Int]
    /// For entities files, the attribute name of each extra column; `nil` otherwise.
    let extraNameOfColumn: [String?]
    /// Columns that are neither fields nor kept attributes.
    let ignored: [String]

    /// Maps `names` (as written in the header) for `kind`, checking that required columns
    /// are present and that no field is given by two columns.
    init(names: [String], kind: InputKind, file: String) throws(IngestError) {
        var slotOfColumn: [Int] = []
        var extraNames: [String?] = []
        var ignored: [String] = []
        var columnOfSlot = [Int?](repeating: nil, count: kind.fields.count)
        var seenExtras = Set<String>()
        for (column, name) in names.enumerated() {
            if let field = InputField.field(named: name, in: kind), let slot = kind.slot(of: field) {
                if let earlier = columnOfSlot[slot] {
                    throw .conflictingColumns(file: file, first: names[earlier], second: name, field: field.rawValue)
                }
                columnOfSlot[slot] = column
                slotOfColumn.append(slot)
                extraNames.append(nil)
            } else {
                slotOfColumn.append(-1)
                let normalised = InputField.normalise(name)
                if kind.keepsExtraColumns && !normalised.isEmpty && seenExtras.insert(normalised).inserted {
                    extraNames.append(normalised)
                } else {
                    extraNames.append(nil)
                    ignored.append(name)
                }
            }
        }
        var missing = kind.requiredFields.filter { columnOfSlot[kind.slot(of: $0)!] == nil }.map(\.rawValue)
        if kind == .access && columnOfSlot[kind.slot(of: .vendor)!] == nil
            && columnOfSlot[kind.slot(of: .resource)!] == nil
        {
            missing.append("vendor or resource")
        }
        if !missing.isEmpty { throw .missingColumns(file: file, missing: missing, found: names) }
        self.slotOfColumn = slotOfColumn
        self.extraNameOfColumn = extraNames
        self.ignored = ignored
    }
}
