import RingfindIngest

/// Fuzzes the CSV reader through the ingestor (see `IngestFuzzing`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    IngestFuzzing.run(inputBytes(data, size), format: .csv)
    return 0
}
