/// How logs are read: in two stages, parsing (`LogRowParser`: tokenise, validate, parse
/// numbers and times) and storing (`Ingestor`: intern ids, append to the event columns),
/// which hand over rows in chunks of `rowsPerChunk`.
///
/// With `onSecondThread`, the parsing stage runs on a thread of its own, up to
/// `chunksInFlight - 1` chunks ahead of the storing stage (`ParsedChunkQueue`), so the two
/// stages use two cores; otherwise it runs inline, one chunk at a time. Either way rows are
/// stored, and rejected rows reported, in input order, so the results are the same, byte
/// for byte: ids are interned in first-seen order by the one storing stage.
///
/// Memory: `chunksInFlight` chunks of `rowsPerChunk` rows (about 100 bytes a row plus the
/// row's ids), a few MB with the standard settings, whatever the size of the file.
public struct ParseAhead: Sendable, Equatable {
    /// Whether the parsing stage runs on a second thread.
    public var onSecondThread: Bool
    /// Rows handed over at a time (≥ 1).
    public var rowsPerChunk: Int
    /// Chunks that exist at once (≥ 2 with a second thread): one being parsed, one being
    /// stored, the rest parsed and waiting.
    public var chunksInFlight: Int

    public init(onSecondThread: Bool, rowsPerChunk: Int, chunksInFlight: Int) {
        self.onSecondThread = onSecondThread
        self.rowsPerChunk = max(1, rowsPerChunk)
        self.chunksInFlight = onSecondThread ? max(2, chunksInFlight) : 1
    }

    /// Two threads, 8,192 rows a chunk, three chunks: on the 10 M-row benchmark a chunk is
    /// about 0.4 MB of file, large enough that handing it over costs nothing measurable and
    /// small enough to stay in cache.
    public static let standard = ParseAhead(onSecondThread: true, rowsPerChunk: 8192, chunksInFlight: 3)

    /// One thread: each chunk is parsed, then stored.
    public static let serial = ParseAhead(onSecondThread: false, rowsPerChunk: 8192, chunksInFlight: 1)
}
