import Foundation

/// The secret of `--pseudonymize KEYFILE` and `ringfind reveal KEYFILE`: the file's bytes,
/// without the line end an editor or `echo` adds.
///
/// It must hold at least 32 bytes (256 bits, SHA-256's output length, as RFC 2104 §3
/// recommends for HMAC keys); `head -c 32 /dev/urandom | base64 > case.key` makes one. The
/// key, or anything computed from it alone (a fingerprint), never enters an output: a
/// fingerprint would let anyone holding a guessed key confirm the guess offline.
public struct PseudonymKey: Sendable {
    /// The shortest key accepted, in bytes.
    public static let minimumLength = 32
    let bytes: [UInt8]

    /// Why a key file cannot be used.
    public enum Failure: Error, CustomStringConvertible, Equatable, Sendable {
        case missing(path: String)
        case unreadable(path: String, reason: String)
        case empty(path: String)
        case tooShort(path: String, length: Int)

        public var description: String {
            switch self {
            case .missing(let path):
                "key file \(path) does not exist; make one with: head -c 32 /dev/urandom | base64 > \(path)"
            case .unreadable(let path, let reason): "key file \(path) cannot be read: \(reason)"
            case .empty(let path):
                "key file \(path) is empty; make a key with: head -c 32 /dev/urandom | base64 > \(path)"
            case .tooShort(let path, let length):
                "key file \(path) holds \(length) bytes; a key needs at least \(PseudonymKey.minimumLength) "
                    + "(make one with: head -c 32 /dev/urandom | base64 > \(path))"
            }
        }
    }

    /// A key from bytes (tests); `nil` when shorter than `minimumLength`.
    public init?(bytes: [UInt8]) {
        guard bytes.count >= Self.minimumLength else { return nil }
        self.bytes = bytes
    }

    /// Reads the key in `path`.
    public static func read(_ path: String) -> Result<PseudonymKey, Failure> {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            return .failure(.missing(path: path))
        }
        guard !isFolder.boolValue else { return .failure(.unreadable(path: path, reason: "it is a folder")) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(.unreadable(path: path, reason: "permission denied or not a regular file"))
        }
        var bytes = [UInt8](data)
        while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
        guard !bytes.isEmpty else { return .failure(.empty(path: path)) }
        guard let key = PseudonymKey(bytes: bytes) else { return .failure(.tooShort(path: path, length: bytes.count)) }
        return .success(key)
    }
}
