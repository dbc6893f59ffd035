import Foundation
import TestSupport
import Testing

@testable import RingfindIngest

/// Inputs are regular files; anything else is a clear error, found without opening (a FIFO
/// would block), and line ends of every style are read.
@Suite struct InputFileKindTests {
    private func discoveryError(_ folder: String) -> String? {
        do {
            _ = try InputDiscovery.discover(folder: folder)
            return nil
        } catch { return error.description }
    }

    @Test func aFIFONamedLikeAnInputIsAnErrorNotAHang() {
        let folder = TemporaryFolder()
        #expect(mkfifo(folder.path + "/payments.csv", 0o600) == 0)
        #expect(
            discoveryError(folder.path)?.hasSuffix(
                "payments.csv: a FIFO (named pipe), not a regular file; inputs must be regular files (or links to them)"
            ) == true)
        // Opened directly (swapped in after discovery), it fails at once too.
        #expect(throws: IngestError.self) { _ = try ChunkedFile(path: folder.path + "/payments.csv") }
    }

    @Test func aFolderOrADeviceNamedLikeAnInputIsAnError() throws {
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/access.csv", withIntermediateDirectories: false)
        #expect(discoveryError(folder.path)?.contains("access.csv: a folder, not a regular file") == true)
        let devices = TemporaryFolder()
        try FileManager.default.createSymbolicLink(
            atPath: devices.path + "/payments.csv", withDestinationPath: "/dev/zero")
        #expect(discoveryError(devices.path)?.contains("payments.csv: a device, not a regular file") == true)
    }

    @Test func aLinkToARegularFileIsAnInputAndADanglingOneIsAnError() throws {
        let folder = TemporaryFolder(), elsewhere = TemporaryFolder()
        let real = elsewhere.write("p.csv", "from,to,amount\na,b,1\n")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/payments.csv", withDestinationPath: real)
        #expect(try IngestRun.of(folder: folder.path).reports.first?.rowsAccepted == 1)
        try FileManager.default.createSymbolicLink(
            atPath: folder.path + "/access.csv", withDestinationPath: elsewhere.path + "/gone.csv")
        #expect(discoveryError(folder.path)?.contains("access.csv: a symbolic link to nothing") == true)
    }

    @Test func aSymbolicLinkLoopAsTheInputFolderIsNamedAsSuch() throws {
        let folder = TemporaryFolder()
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/a", withDestinationPath: folder.path + "/b")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/b", withDestinationPath: folder.path + "/a")
        #expect(discoveryError(folder.path + "/a")?.contains("is a loop of symbolic links") == true)
        #expect(discoveryError(folder.path + "/missing")?.hasSuffix("' does not exist") == true)
    }

    @Test(arguments: [1 << 22, 7])
    func loneCarriageReturnLineEndsAreRead(chunkSize: Int) throws {
        let run = try IngestRun.of(
            [
                "payments.csv": "from,to,amount\rV1,X1,5\rV2,X1,\"7\"\r\"V3\",X1,2",
                "communications.jsonl": "{\"from\":\"X1\",\"to\":\"E1\"}\r{\"from\":\"X1\",\"to\":\"E2\"}\r",
            ],
            chunkSize: chunkSize)
        #expect(run.pairs(.payment) == [["V1", "X1"], ["V2", "X1"], ["V3", "X1"]])
        #expect(run.pairs(.communication) == [["X1", "E1"], ["X1", "E2"]])
        #expect(run.rejections.isEmpty)
        #expect(run.reports.map(\.rowsRead).sorted() == [2, 3])
    }

    @Test func aQuotedFieldMaySpanLoneCarriageReturnLines() throws {
        let run = try IngestRun.of(["entities.csv": "id,name\r\"a\",\"two\rlines\"\rb,x\rc,\"bad\"x\r"])
        #expect(run.entities.count == 2)
        #expect(run.rejections.map(\.line) == [5])
    }
}
