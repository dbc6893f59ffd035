import Testing

@testable import RingfindGraph

/// Kind names as written in entities files.
@Suite struct EntityKindTests {
    /// The entities reader parses kinds from bytes; the alias path, from strings. They must agree.
    @Test(arguments: [
        "vendor", " Vendor\t", "EMPLOYEE", "external", "Broker ", "brokers", "vend", "", " ", "employee\u{0}",
        "bro\u{212A}er", "émployee", "VENDOR\u{00A0}", "e",
    ])
    func bytesAndStringsGiveTheSameKind(text: String) {
        var copy = text
        let fromBytes = copy.withUTF8 { EntityKind(nameBytes: UnsafeRawBufferPointer($0)) }
        #expect(fromBytes == EntityKind(name: text))
    }

    @Test func namesAreCaseInsensitiveAndTrimmed() {
        var text = "  VeNdOr\t"
        #expect(text.withUTF8 { EntityKind(nameBytes: UnsafeRawBufferPointer($0)) } == .vendor)
    }
}
