/// Checks shared by the readers: binary files, byte order marks, UTF-8.
enum InputChecks {
    /// How much of the start of a file `rejectBinary` looks at.
    static let headBytes = 8192

    /// Reads the first `headBytes` bytes of the file (or all of it) into the buffer, whatever
    /// the read size, so that the checks below see the same bytes for every chunk size.
    static func readHead(_ file: ChunkedFile) throws(IngestError) {
        try file.refill(keepingFrom: 0)
        while file.end < headBytes, try file.refill(keepingFrom: 0) != nil {}
    }

    /// Throws when the first `headBytes` bytes of the file (after `readHead`) contain a NUL
    /// byte: it is not a text file.
    static func rejectBinary(_ file: ChunkedFile) throws(IngestError) {
        let bytes = file.buffer
        let limit = min(file.end, headBytes)
        for i in 0..<limit where bytes[i] == 0 {
            throw .binaryFile(file: file.path, offset: i)
        }
    }

    /// Skips a UTF-8 byte order mark at the start of the file.
    static func skipByteOrderMark(_ file: ChunkedFile) {
        let bytes = file.buffer
        if file.end >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { file.start = 3 }
    }

    /// The byte that ends lines in this file: LF (`\n`, also for CRLF files), or CR (`\r`)
    /// when the first line ends with a CR not followed by LF (old Mac line ends). Looks at
    /// the first buffer only; a file that mixes the two styles keeps the first one.
    static func lineEnd(_ file: ChunkedFile) throws(IngestError) -> UInt8 {
        var i = file.start
        while true {
            let bytes = file.buffer
            while i < file.end && bytes[i] != 0x0A && bytes[i] != 0x0D { i += 1 }
            if i < file.end && bytes[i] == 0x0A { return 0x0A }
            if i + 1 < file.end { return bytes[i + 1] == 0x0A ? 0x0A : 0x0D }
            // No line end yet, or a CR at the very end of what was read: read more.
            if file.atEOF { return i < file.end ? 0x0D : 0x0A }
            guard let moved = try file.refill(keepingFrom: file.start) else { return 0x0A }
            i -= moved
        }
    }

    /// The 1-based number of the first field that is not valid UTF-8 or holds a NUL, or `nil`.
    static func firstInvalidUTF8Field(
        _ bytes: UnsafeMutableRawBufferPointer, starts: ChunkColumn<Int>, ends: ChunkColumn<Int>
    ) -> Int? {
        for i in 0..<starts.count where !isValidUTF8(bytes, starts[i], ends[i]) { return i + 1 }
        return nil
    }

    /// Whether `bytes[start..<end]` is valid UTF-8 without NUL bytes (ASCII fast path, then
    /// the well-formed sequences of the Unicode standard, table 3-7).
    static func isValidUTF8(_ bytes: UnsafeMutableRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i + 8 <= end {
            let word = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // Any byte ≥ 0x80, or any zero byte.
            if word & 0x8080_8080_8080_8080 != 0 || (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0
            {
                break
            }
            i += 8
        }
        while i < end {
            let b = bytes[i]
            if b == 0 { return false }
            if b < 0x80 {
                i += 1
                continue
            }
            let need: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: need = 1
            case 0xE0:
                need = 2
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED:
                need = 2
                high = 0x9F
            case 0xF0:
                need = 3
                low = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4:
                need = 3
                high = 0x8F
            default: return false
            }
            guard i + need < end else { return false }
            let second = bytes[i + 1]
            if second < low || second > high { return false }
            var k = 2
            while k <= need {
                let c = bytes[i + k]
                if c < 0x80 || c > 0xBF { return false }
                k += 1
            }
            i += need + 1
        }
        return true
    }
}
