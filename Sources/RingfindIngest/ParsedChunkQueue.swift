import Foundation

/// A run of parsed rows handed from the parsing stage to the storing stage
/// (`ParsedLogChunk`, `ParsedEntityChunk`). Sendable because a chunk crosses threads, though
/// only ever used by one stage at a time (`ParsedChunkQueue` hands it over under its lock).
protocol ParsedChunk: AnyObject, Sendable {
    /// How reading went on after the chunk's last row.
    var ending: ParsedLogChunk.Ending { get }
}

extension ParsedChunk {
    /// Whether reading ended with this chunk (the end of the file, or a failure).
    var isLast: Bool {
        if case .more = ending { return false }
        return true
    }
}

/// A bounded, ordered hand-over of parsed chunks from the parsing stage to the storing stage
/// (`ParseAhead`).
///
/// A fixed set of chunks circulates: the parsing thread takes an empty chunk, fills it
/// (`fill`) and queues it; the storing stage takes queued chunks in order (`next`) and gives
/// each back once stored (`recycle`). When every chunk is queued or being stored, the parser
/// waits; when none is queued, the storer waits. The parser stops by itself after the chunk
/// that ends the file (or fails); `stop` makes it stop early and waits until it has, so that
/// the reader it uses can be read (its hash, its counts) or released by the caller.
///
/// Without a second thread, `next` fills a chunk inline, so both modes share every line
/// of the storing stage.
///
/// - Complexity: O(1) per chunk, one lock round trip each way; memory is the chunks.
final class ParsedChunkQueue<Chunk: ParsedChunk>: @unchecked Sendable {
    // `@unchecked Sendable`: every mutable property below is read and written only with
    // `condition` locked, and each chunk is used by one stage at a time (it is in `empty`,
    // in `queued`, or held by exactly one stage). `fill` is called on the parsing thread
    // only, once it has been started.
    private let condition = NSCondition()
    private var empty: [Chunk]
    private var queued: [Chunk] = []
    private var stopping = false
    private var parserRunning = false
    private let onSecondThread: Bool
    private let fill: (Chunk) -> Void

    /// - Parameters:
    ///   - chunks: the chunks that circulate (at least two with a second thread).
    ///   - onSecondThread: whether `fill` runs on a thread of its own, started at once.
    ///   - fill: fills a chunk with the next rows, setting its `ending`.
    init(chunks: [Chunk], onSecondThread: Bool, fill: @escaping (Chunk) -> Void) {
        precondition(!chunks.isEmpty && (!onSecondThread || chunks.count >= 2))
        empty = chunks
        self.onSecondThread = onSecondThread
        self.fill = fill
        if onSecondThread {
            parserRunning = true
            let thread = Thread { [self] in parse() }
            thread.name = "ringfind-parse"
            thread.start()
        }
    }

    /// The next chunk in input order, filled. Waits for the parser when none is ready.
    func next() -> Chunk {
        guard onSecondThread else {
            let chunk = empty.removeLast()
            fill(chunk)
            return chunk
        }
        condition.lock()
        defer { condition.unlock() }
        while queued.isEmpty { condition.wait() }
        return queued.removeFirst()
    }

    /// Hands each chunk to `body` in input order, and back to the parser after, until the chunk
    /// that ends the file; then throws the failure that stopped reading, if any (after `body`
    /// has had the rows read before it). An error from `body` stops at once.
    func forEachInOrder(_ body: (Chunk) throws(IngestError) -> Void) throws(IngestError) {
        while true {
            let chunk = next()
            try body(chunk)
            let ending = chunk.ending
            recycle(chunk)
            switch ending {
            case .more: continue
            case .endOfFile: return
            case .failed(let error): throw error
            }
        }
    }

    /// Gives a stored chunk back for the parser to reuse.
    func recycle(_ chunk: Chunk) {
        condition.lock()
        empty.append(chunk)
        condition.broadcast()
        condition.unlock()
    }

    /// Stops the parser (after the chunk it is filling) and waits until it has stopped.
    /// Safe to call more than once, and after the parser has stopped by itself.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while parserRunning { condition.wait() }
        condition.unlock()
    }

    /// The parsing thread: fills empty chunks in turn until the file ends or `stop`.
    private func parse() {
        while true {
            condition.lock()
            while empty.isEmpty && !stopping { condition.wait() }
            if stopping {
                parserRunning = false
                condition.broadcast()
                condition.unlock()
                return
            }
            let chunk = empty.removeLast()
            condition.unlock()

            fill(chunk)
            let last = chunk.isLast

            condition.lock()
            queued.append(chunk)
            if last { parserRunning = false }
            condition.broadcast()
            condition.unlock()
            if last { return }
        }
    }
}
