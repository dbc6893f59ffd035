import Crypto

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file front to back in large chunks into one growable buffer, hashing (SHA-256)
/// every byte as it goes — on another thread (`BackgroundDigest`) — so that an input is read
/// exactly once however big it is.
///
/// Readers parse `bytes[start..<end]`; when a record runs past `end` they call `refill`,
/// which moves the unparsed tail to the front of the buffer and reads more. Offsets into the
/// buffer therefore change on refill: a reader restarts the record it was parsing.
final class ChunkedFile {
    /// Where the file is, as given by the user (used in messages).
    let path: String
    private let descriptor: Int32
    private(set) var buffer: UnsafeMutableRawBufferPointer
    /// Start of the unparsed bytes.
    var start = 0
    /// End of the valid bytes.
    private(set) var end = 0
    /// True once the whole file has been read into the buffer.
    private(set) var atEOF = false
    /// Bytes read so far.
    private(set) var bytesRead = 0
    private let digest = BackgroundDigest()
    private let maximumBuffer: Int

    /// Opens `path` for reading; it must be a regular file. Opened without blocking and
    /// checked on the open descriptor, so a FIFO put in its place after discovery is an error,
    /// not a hang.
    init(path: String, chunkSize: Int = 1 << 22, maximumBuffer: Int = 1 << 28) throws(IngestError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadableFile(file: path, reason: String(cString: strerror(errno))) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw .unreadableFile(file: path, reason: String(cString: strerror(errno)))
        }
        if let found = InputDiscovery.describe(info.st_mode) {
            close(fd)
            throw .notARegularFile(file: path, found: found)
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        descriptor = fd
        buffer = .allocate(byteCount: chunkSize, alignment: 16)
        self.maximumBuffer = maximumBuffer
    }

    deinit {
        digest.wait()
        close(descriptor)
        buffer.deallocate()
    }

    /// The base address of the buffer (valid until the next `refill`).
    var base: UnsafeMutableRawPointer { buffer.baseAddress! }

    /// Keeps `bytes[keepFrom..<end]`, moved to the front, and reads more after it.
    /// Returns how far the kept bytes moved (subtract it from saved offsets), or `nil` at the
    /// end of the file. Grows the buffer when it is already full of kept bytes.
    @discardableResult
    func refill(keepingFrom keepFrom: Int) throws(IngestError) -> Int? {
        guard !atEOF else { return nil }
        // The bytes about to move or be freed must be hashed first.
        digest.wait()
        let kept = end - keepFrom
        if keepFrom > 0 && kept > 0 { memmove(base, base + keepFrom, kept) }
        if kept == buffer.count {
            guard buffer.count < maximumBuffer else {
                throw .unreadableFile(file: path, reason: "a single row is longer than \(maximumBuffer >> 20) MiB")
            }
            let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
            bigger.baseAddress!.copyMemory(from: base, byteCount: kept)
            buffer.deallocate()
            buffer = bigger
        }
        end = kept
        start = max(0, start - keepFrom)
        defer { digest.update(UnsafeRawBufferPointer(start: base + kept, count: end - kept)) }
        while end < buffer.count {
            let n = read(descriptor, base + end, buffer.count - end)
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadableFile(file: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 {
                atEOF = true
                break
            }
            end += n
            bytesRead += n
        }
        return keepFrom
    }

    /// Calls `body` with `buffer[start..<end]` without its line end (for quoting a row as it was).
    func withBytes<R>(from start: Int, to end: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        var end = end
        while end > start && (buffer[end - 1] == 0x0A || buffer[end - 1] == 0x0D) { end -= 1 }
        return body(UnsafeRawBufferPointer(rebasing: buffer[start..<end]))
    }

    /// The SHA-256 of every byte read, as lowercase hex. Call after reading to the end.
    func sha256Hex() -> String {
        digest.finalize().map { byte in
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 15)]], as: UTF8.self)
        }.joined()
    }
}
