import RingfindIngest

/// Fuzzes the JSON Lines reader through the ingestor (see `IngestFuzzing`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONLines(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    IngestFuzzing.run(inputBytes(data, size), format: .jsonLines)
    return 0
}
