import CPrefetch

/// Software prefetching for `entity(for:hash:seenAs:)`, in the three steps of
/// `ByteStringInterner+Prefetch.swift`; the last also starts loading the entity's kind,
/// which `entity(for:hash:seenAs:)` reads and may refine.
///
/// - Complexity: each step O(1).
extension EntityTable {
    /// Step 1: starts loading the slot of the id with `hash` (from `ids.keyHasher`).
    @inlinable
    public func prefetchSlot(hash: UInt64) { ids.prefetchSlot(hash: hash) }

    /// Step 2: the entity the slot holds if its hash bits match (else -1), after starting to
    /// load where its id's bytes end.
    @inlinable
    public func prefetchEnd(hash: UInt64) -> Int32 { ids.prefetchEnd(hash: hash) }

    /// Step 3: starts loading the id bytes of `entity` (-1 does nothing) and, with `kind`, its
    /// kind — which `entity(for:hash:seenAs:)` reads only for an id seen as an employee or a
    /// vendor (its origin only when the kind then differs, so it is not prefetched).
    @inlinable
    public func prefetchIDAndKind(of entity: Int32, kind: Bool) {
        guard entity >= 0, Int(entity) < kinds.count else { return }
        ids.prefetchBytes(of: entity)
        if kind {
            kinds.withUnsafeBufferPointer { if let base = $0.baseAddress { ringfind_prefetch(base + Int(entity)) } }
        }
    }
}
