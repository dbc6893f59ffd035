import Crypto

/// HMAC-SHA-256 (RFC 2104, with SHA-256 as in RFC 4231) on top of swift-crypto's `SHA256`.
///
///     HMAC(K, m) = H((K' ⊕ opad) ‖ H((K' ⊕ ipad) ‖ m))
///
/// where K' is the key padded with zeros to the 64-byte block (a key longer than a block is
/// hashed first), ipad = 0x36…, opad = 0x5c…. The hash states after absorbing the two padded
/// keys are computed once, when the value is made, and copied for every message (`SHA256`
/// is a value type), so a message costs two hash finalisations and no key work.
///
/// - Complexity: O(message length) per code; O(key length) once.
/// - SeeAlso: Krawczyk, Bellare & Canetti, *HMAC: Keyed-Hashing for Message Authentication*,
///   RFC 2104 (1997); Nystrom, *Identifiers and Test Vectors for HMAC-SHA-224, -256, -384 and
///   -512*, RFC 4231 (2005).
/// `@unchecked`: `SHA256` is a plain value (its state is copied, never shared) that swift-crypto
/// does not mark `Sendable`.
public struct HMACSHA256: @unchecked Sendable {
    /// SHA-256's block size B in bytes.
    static let blockSize = 64
    private let inner: SHA256
    private let outer: SHA256

    public init(key: [UInt8]) {
        var block = key.count > Self.blockSize ? Array(SHA256.hash(data: key)) : key
        block += [UInt8](repeating: 0, count: Self.blockSize - block.count)
        var inner = SHA256(), outer = SHA256()
        inner.update(data: block.map { $0 ^ 0x36 })
        outer.update(data: block.map { $0 ^ 0x5c })
        self.inner = inner
        self.outer = outer
    }

    /// The 32-byte authentication code of `message`.
    public func code(_ message: [UInt8]) -> [UInt8] {
        var inner = self.inner
        inner.update(data: message)
        var outer = self.outer
        outer.update(data: Array(inner.finalize()))
        return Array(outer.finalize())
    }

    /// The code of `message` given as raw bytes.
    public func code(_ message: UnsafeRawBufferPointer) -> [UInt8] {
        var inner = self.inner
        inner.update(bufferPointer: message)
        var outer = self.outer
        outer.update(data: Array(inner.finalize()))
        return Array(outer.finalize())
    }
}
