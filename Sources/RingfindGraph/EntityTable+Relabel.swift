/// Replacing every id and name of the table, in place and in the same order (pseudonyms).
extension EntityTable {
    /// Replaces every external id (and alias) with `id(old)`, names with `name(old)`, groups
    /// with `group(old)` when given, and attribute values with `attribute(old)`. Dense ids,
    /// kinds and the order of everything stay as they were.
    ///
    /// Returns the new id that two entities (or two aliases) would share, without changing
    /// anything, when `id` is not one-to-one on this table; else `nil`.
    /// - Complexity: O(n + total bytes) calls and interning.
    public mutating func relabel(
        id: (String) -> String, name: (String) -> String, group: ((String) -> String)?, attribute: (String) -> String
    ) -> String? {
        var newIDs = ByteStringInterner(expectedCount: count)
        for e in 0..<count {
            let pseudonym = id(ids.string(Int32(e)))
            guard newIDs.intern(pseudonym).inserted else { return pseudonym }
        }
        var newAliases = ByteStringInterner(expectedCount: aliases.count)
        for a in 0..<aliases.count {
            let pseudonym = id(aliases.string(Int32(a)))
            guard newAliases.intern(pseudonym).inserted else { return pseudonym }
        }
        ids = newIDs
        aliases = newAliases
        names = names.map(name)
        if let group { groups = groups.map(group) }
        attributeValues = attributeValues.map { $0.map(attribute) }
        return nil
    }
}

/// Replacing the accessed resources' names (pseudonyms).
extension EventStore {
    /// Replaces every resource name with `resource(old)`, keeping the resource ids. Returns a
    /// new name two resources would share (nothing is changed then), else `nil`.
    /// - Complexity: O(distinct resources + their bytes).
    public mutating func relabelResources(_ resource: (String) -> String) -> String? {
        var renamed = ByteStringInterner(expectedCount: resources.count)
        for r in 0..<resources.count {
            let pseudonym = resource(resources.string(Int32(r)))
            guard renamed.intern(pseudonym).inserted else { return pseudonym }
        }
        resources = renamed
        return nil
    }
}
