import Crypto
import Dispatch

/// The SHA-256 of a file's bytes, computed on another thread while the reader parses them.
///
/// Hashing is about a tenth of the work of the thread that parses a log (perf, 10 M-event
/// world) and that thread is ingest's bottleneck, while the storing thread waits on it part of
/// the time; so each part read is handed to a serial queue and hashed there, in the order read.
/// The reader must leave a part's bytes unchanged until `wait()` returns — `ChunkedFile` waits
/// before it moves or frees its buffer, by which time the part (read a whole buffer of parsing
/// earlier) is long hashed.
///
/// `@unchecked Sendable`: the hasher is only touched on the queue, and by `finalize` after
/// `wait`, which orders it after every update.
///
/// - Complexity: O(bytes) on the queue; O(1) per part on the caller.
final class BackgroundDigest: @unchecked Sendable {
    private var hasher = SHA256()
    private let queue = DispatchQueue(label: "ringfind.ingest.digest")
    private let pending = DispatchGroup()

    /// Hashes `bytes` after every part given before; they must stay unchanged until `wait()`.
    func update(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        nonisolated(unsafe) let part = bytes
        pending.enter()
        queue.async { [self] in
            hasher.update(bufferPointer: part)
            pending.leave()
        }
    }

    /// Returns once every part given is hashed.
    func wait() { pending.wait() }

    /// The digest's bytes, of every part in order.
    func finalize() -> [UInt8] {
        wait()
        return Array(hasher.finalize())
    }
}
