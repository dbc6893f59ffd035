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

    @Test func twoInternersWithDifferentSeedsAssignTheSameIds() {
        var a = ByteStringInterner(), b = ByteStringInterner()
        for key in ["z", "y", "émoji 😀", "x"] {
            #expect(a.intern(key).id == b.intern(key).id)
        }
    }
}
