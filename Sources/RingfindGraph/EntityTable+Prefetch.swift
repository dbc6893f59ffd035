import CPrefetch

/// Software prefetching for `entity(for:hash:seenAs:)`: the two steps of
/// `ByteStringInterner+Prefetch.swift`, then a third that starts loading the entity's kind,
/// which `entity(for:hash:seenAs:)` reads and may refine for an id seen as an employee or a
/// vendor.
///
/// - Complexity: each step O(1).
extension EntityTable {
    /// Step 1: starts loading the slot of the id with `hash` (from `ids.keyHasher`).
    @inlinable
    public func prefetchSlot(hash: UInt64) { ids.prefetchSlot(hash: hash) }

    /// Step 2: where the entry of the id in that slot starts if its hash bits match (else -1),
    /// after starting to load the entry (the id's length, entity and bytes).
    @inlinable
    public func prefetchEntry(hash: UInt64) -> Int32 { ids.prefetchEntry(hash: hash) }

    /// Step 3: starts loading the kind of the entity whose entry step 2 found (-1 does
    /// nothing). Only an id seen as an employee or a vendor reads its kind (its origin only
    /// when the kind then differs, so that is not prefetched).
    @inlinable
    public func prefetchKind(ofEntry entry: Int32) {
        let entity = ids.id(ofEntry: entry)
        guard entity >= 0, Int(entity) < kinds.count else { return }
        kinds.withUnsafeBufferPointer { if let base = $0.baseAddress { ringfind_prefetch(base + Int(entity)) } }
    }
}
