import Foundation
import TestSupport
import Testing

@testable import RingfindIngest

/// Problems with a whole input: a clear message naming the file, never a crash.
@Suite struct InputErrorTests {
    private func failure(_ files: [String: String]) -> String? {
        do {
            _ = try IngestRun.of(files)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func missingFolder() {
        #expect(throws: IngestError.self) { try InputDiscovery.discover(folder: "/nonexistent/ringfind") }
        do { _ = try InputDiscovery.discover(folder: "/nonexistent/ringfind") } catch {
            #expect(error.description == "input folder '/nonexistent/ringfind' does not exist")
        }
    }

    @Test func aFileInsteadOfAFolder() throws {
        let folder = TemporaryFolder()
        let file = folder.write("payments.csv", "from,to,amount\n")
        do { _ = try InputDiscovery.discover(folder: file) } catch {
            #expect(error.description.hasSuffix("is not a folder; give the folder that holds the input files"))
            return
        }
        Issue.record("no error")
    }

    @Test func noRecognisedFileListsWhatIsThere() {
        let message = failure(["payment.csv": "from,to,amount\n", "notes.txt": "x"])
        #expect(message?.contains("no input file in") == true)
        #expect(message?.contains("'notes.txt', 'payment.csv'") == true)
    }

    @Test func emptyFile() {
        #expect(
            failure(["payments.csv": ""])?.hasSuffix("payments.csv: the file is empty (a header row is required)")
                == true)
        #expect(
            failure(["payments.jsonl": ""])?.hasSuffix("payments.jsonl: the file is empty (a header row is required)")
                == true)
    }

    @Test func binaryFile() {
        let folder = TemporaryFolder()
        folder.write("access.csv", bytes: [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08])
        do { _ = try IngestRun.of(folder: folder.path) } catch {
            #expect(
                error.description.hasSuffix(
                    "access.csv: not a text file (NUL byte at offset 4); expected UTF-8 CSV or JSON Lines"))
            return
        }
        Issue.record("no error")
    }

    /// The first 8 KiB decide, whatever the read size: read a few bytes at a time, a NUL past
    /// the first read used to be taken for a bad row (found by `Fuzz/run.sh … jsonl`).
    @Test(arguments: [1, 7, 1 << 22])
    func aNULInTheFirst8KiBMakesABinaryFileWhateverTheReadSize(chunkSize: Int) {
        let folder = TemporaryFolder()
        folder.write(
            "access.jsonl", bytes: Array(#"{"employee":"E1","action":"view","vendor":"V1"}"#.utf8) + [0x0A, 0x00, 0x0A])
        do { _ = try IngestRun.of(folder: folder.path, chunkSize: chunkSize) } catch {
            #expect(
                error.description.hasSuffix(
                    "access.jsonl: not a text file (NUL byte at offset 48); expected UTF-8 CSV or JSON Lines"))
            return
        }
        Issue.record("no error")
    }

    @Test func missingRequiredColumnsAreNamed() {
        let message = failure(["payments.csv": "from,recipient,total\na,b,1\n"])
        #expect(
            message?.hasSuffix(
                "payments.csv:1: missing required column amount; the header has 'from', 'recipient', 'total'") == true)
        let access = failure(["access.csv": "employee,action\ne,view\n"])
        #expect(access?.contains("missing required column vendor or resource") == true)
    }

    @Test func twoColumnsForOneField() {
        let message = failure(["communications.csv": "from,source,to\na,b,c\n"])
        #expect(message?.hasSuffix("columns 'from' and 'source' both mean 'from'; keep one") == true)
    }

    @Test func unreadableFile() throws {
        let folder = TemporaryFolder()
        let file = folder.write("payments.csv", "from,to,amount\n")
        #expect(chmod(file, 0) == 0)
        guard getuid() != 0 else { return }  // root reads anything
        do { _ = try IngestRun.of(folder: folder.path) } catch {
            #expect(error.description.contains("payments.csv: cannot read"))
            return
        }
        Issue.record("no error")
    }
}
