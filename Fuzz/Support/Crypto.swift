/// Stands in for swift-crypto's `SHA256` in the fuzzing build only (`Fuzz/run.sh`), so the
/// ingest sources compile with plain `swiftc` without building BoringSSL by hand.
///
/// It is not a hash: the "digest" is the FNV-1a of the bytes and their count. The harnesses
/// compute the same from the input and compare, which checks what the real hash depends on —
/// that the reader hands every byte of the file to the hasher exactly once, in order.
public struct SHA256 {
    private var fnv: UInt64 = 0xcbf2_9ce4_8422_2325
    private var count: UInt64 = 0

    public init() {}

    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        for byte in bufferPointer { fnv = (fnv ^ UInt64(byte)) &* 0x100_0000_01b3 }
        count &+= UInt64(bufferPointer.count)
    }

    /// 32 bytes: FNV-1a (big-endian), the byte count (big-endian), 16 zeros.
    public func finalize() -> [UInt8] {
        let words = [fnv, count]
        return words.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (56 - 8 * $0)) } }
            + [UInt8](repeating: 0, count: 16)
    }
}
