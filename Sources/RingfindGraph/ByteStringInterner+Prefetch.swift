import CPrefetch

/// Software prefetching, for callers that know keys some time before they intern them.
///
/// Interning a key that is already in a table much larger than the cache costs three cache
/// misses one after the other — its slot, then its end offset, then its bytes — about
/// 100 ns each, so a loop that interns keys one by one waits on memory most of the time
/// (half of ingest, measured with perf on the 1 M-entity benchmark). A caller holding the
/// keys of the next rows (the ingestor stores rows parsed in chunks) starts those loads a
/// few keys ahead, in three steps so each one finds the line the step before it asked for:
/// `prefetchSlot(hash:)`, then `prefetchEnd(hash:)`, then `prefetchBytes(of:)`; by the time
/// it interns the key, the three lines are in cache and several keys' misses have overlapped.
/// The hash is `keyHasher`'s, which can be computed on another thread.
///
/// Prefetches are hints: they read nothing that decides a result, never fault, and a wrong
/// guess (a collision, a key not yet in the table) only costs the wasted load.
///
/// The steps are `@inlinable`: they run once per id in the ingestor's inner loop.
///
/// - Complexity: each step O(1); no memory.
extension ByteStringInterner {
    /// Computes the hash `intern` uses. The seed is fixed when the interner is created, so
    /// the hashes stay valid for its whole life and for its copies.
    public struct KeyHasher: Sendable {
        let seed: UInt64

        /// The hash of the key whose bytes are `key`.
        @inline(__always)
        public func hash(_ key: UnsafeRawBufferPointer) -> UInt64 { ByteStringInterner.hash(key, seed: seed) }
    }

    /// The hasher of this interner's keys.
    public var keyHasher: KeyHasher { KeyHasher(seed: seed) }

    /// Step 1: starts loading the slot where a key with `hash` is looked up first.
    @inlinable
    public func prefetchSlot(hash: UInt64) {
        let slot = Int(truncatingIfNeeded: hash) & mask
        slots.withUnsafeBufferPointer { table in
            if let base = table.baseAddress { ringfind_prefetch(base + slot) }
        }
    }

    /// Step 2: the id in that slot if its hash bits match `hash` (else -1), after starting
    /// to load the end offsets of its bytes. The slot should be in cache by now.
    @inlinable
    public func prefetchEnd(hash: UInt64) -> Int32 {
        let entry = slots[Int(truncatingIfNeeded: hash) & mask]
        guard entry != 0, entry & 0xFFFF_FFFF_0000_0000 == hash & 0xFFFF_FFFF_0000_0000 else { return -1 }
        let id = Int(entry & 0xFFFF_FFFF) - 1
        ends.withUnsafeBufferPointer { offsets in
            if let base = offsets.baseAddress { ringfind_prefetch(base + max(0, id - 1)) }
        }
        return Int32(id)
    }

    /// Step 3: starts loading the bytes of key `id` (from step 2; -1 does nothing). Its end
    /// offsets should be in cache by now.
    @inlinable
    public func prefetchBytes(of id: Int32) {
        guard id >= 0, Int(id) < ends.count else { return }
        let start = id == 0 ? 0 : ends[Int(id) - 1]
        arena.withUnsafeBufferPointer { bytes in
            if let base = bytes.baseAddress, start < bytes.count { ringfind_prefetch(base + start) }
        }
    }
}
