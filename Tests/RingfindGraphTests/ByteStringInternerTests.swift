import Testing

@testable import RingfindGraph

@Suite struct ByteStringInternerTests {
    @Test func idsAreDenseInFirstSeenOrder() {
        var interner = ByteStringInterner(expectedCount: 2)
        #expect(interner.intern("b") == (0, true))
        #expect(interner.intern("a") == (1, true))
        #expect(interner.intern("b") == (0, false))
        #expect(interner.intern("") == (2, true))
        #expect(interner.lookup("a") == 1)
        #expect(interner.lookup("c") == nil)
        #expect(interner.string(2) == "")
    }

    @Test func survivesGrowthWithManyKeys() {
        var interner = ByteStringInterner(expectedCount: 1)
        let keys = (0..<20_000).map { "E\($0)-\(String(repeating: "x", count: $0 % 23))" }
        for (i, key) in keys.enumerated() { #expect(interner.intern(key).id == Int32(i)) }
        #expect(interner.count == keys.count)
        for (i, key) in keys.enumerated() where i % 97 == 0 {
            #expect(interner.lookup(key) == Int32(i))
            #expect(interner.string(Int32(i)) == key)
        }
    }

    /// Entries are padded to 8 bytes and found by their length: keys of every length up to
    /// three words, prefixes of one another, come back intact and distinct.
    @Test func keysOfEveryLengthComeBackIntact() {
        var interner = ByteStringInterner(expectedCount: 1)
        let keys =
            (0...24).map { String(repeating: "k", count: $0) }
            + (0...24).map { String(repeating: "é", count: $0 / 2) + "!" }
        var ids: [Int32] = []
        for key in keys { ids.append(interner.intern(key).id) }
        for (key, id) in zip(keys, ids) {
            #expect(interner.lookup(key) == id)
            #expect(interner.string(id) == key)
            #expect(interner.withBytes(id) { $0.count } == key.utf8.count)
        }
        #expect(interner.count == Set(keys).count)
        #expect(interner.byteCount == Set(keys).reduce(0) { $0 + $1.utf8.count })
    }

    @Test func twoInternersWithDifferentSeedsAssignTheSameIds() {
        var a = ByteStringInterner(), b = ByteStringInterner()
        for key in ["z", "y", "émoji 😀", "x"] {
            #expect(a.intern(key).id == b.intern(key).id)
        }
    }

    /// The ingestor hashes ids on its parsing thread and prefetches ahead of interning:
    /// neither may change an id.
    @Test func internWithAHashFromTheKeyHasherAndPrefetchingChangeNoId() {
        var plain = ByteStringInterner(expectedCount: 1)
        var hashed = ByteStringInterner(expectedCount: 1)
        let hasher = hashed.keyHasher
        let keys = (0..<5_000).map { "K\($0 * 7 % 1_000)" }
        for (n, key) in keys.enumerated() {
            var text = key
            let expected = plain.intern(key)
            let got = text.withUTF8 { utf8 in
                let bytes = UnsafeRawBufferPointer(utf8)
                let hash = hasher.hash(bytes)
                hashed.prefetchSlot(hash: hash)
                let entry = hashed.prefetchEntry(hash: hash)
                // Step 2 looks at the first slot only: a key moved on by a collision is not found.
                let guess = hashed.id(ofEntry: entry)
                #expect(guess == -1 || (!expected.inserted && guess == expected.id), "key \(n)")
                #expect((entry == -1) == (guess == -1), "key \(n)")
                return hashed.intern(bytes, hash: hash)
            }
            #expect(got == expected)
        }
        #expect(hashed.id(ofEntry: -1) == -1)
        #expect(hashed.id(ofEntry: Int32.max) == -1)
        #expect(hashed.count == 1_000)
    }
}
