/// What identity resolution (`aliases`) and resource mapping (`resources`) did in one build,
/// recorded in `build.json` as `mapping`.
public struct MappingReport: Sendable, Codable, Equatable {
    /// Alias rows accepted.
    public var aliasRows = 0
    /// Distinct aliases declared.
    public var aliases = 0
    /// Aliases that resolve through another alias (`a → b → c`).
    public var chainedAliases = 0
    /// Aliases that appeared in the data (an entities row or an event) and were merged into
    /// their canonical entity.
    public var aliasesMerged = 0
    /// Event endpoints (ids in log rows) that were written as an alias and renamed.
    public var rowsRenamed = 0
    /// Aliases whose canonical entity was read (shown by `query show`), used or not.
    public var aliasesOfReadEntities = 0
    /// Entities that have at least one alias.
    public var canonicalEntitiesWithAliases = 0
    /// Exact `resource,vendor` rules.
    public var exactResourceRules = 0
    /// Prefix rules (`resource*,vendor`).
    public var prefixResourceRules = 0
    /// Distinct resources (in access rows without a vendor) that a rule mapped to a vendor.
    public var resourcesMapped = 0
    /// Distinct resources (in access rows without a vendor) that no rule maps.
    public var unmappedResources = 0
    /// Access rows that name only a resource that no rule maps (kept, without a vendor).
    public var rowsUnmappedResource = 0

    public init() {}
}
