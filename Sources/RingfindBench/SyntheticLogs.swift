import Foundation
import RingfindGraph

/// Writes large, plausible input folders for benchmarks: random but deterministic
/// communications, payments and access rows over about `rows / 10` entities.
///
/// This is load, not a world with planted rings (that is `ringfind generate`): ids, times,
/// amounts and actions have realistic shapes and sizes (about 55 bytes a row), so that
/// parsing, interning and aggregation cost what they cost on real logs.
public struct SyntheticLogs {
    /// Total event rows over the three files.
    public var rows: Int
    public var seed: UInt64

    public init(rows: Int, seed: UInt64 = 1) {
        self.rows = rows
        self.seed = seed
    }

    /// Shares of the rows: communications, payments, access.
    static let shares = (communications: 0.5, payments: 0.2, access: 0.3)

    /// Writes `communications.csv`, `payments.csv` and `access.csv` into `folder`.
    public func write(to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var rng = SplitMix64(seed: seed)
        let entities = max(rows / 10, 100)
        let employees = max(entities / 5, 10), vendors = max(entities / 2, 10),
            externals = max(entities - employees - vendors, 10)
        let start: Int64 = 1_704_067_200  // 2024-01-01
        let span: UInt64 = 365 * 86_400
        let comms = Int(Double(rows) * Self.shares.communications)
        let pays = Int(Double(rows) * Self.shares.payments)
        let access = rows - comms - pays

        func party(_ r: inout SplitMix64) -> String {
            switch r.next() % 10 {
            case 0..<4: "E\(pad(r.next() % UInt64(employees), 7))"
            case 4..<7: "V\(pad(r.next() % UInt64(vendors), 7))"
            default: "X\(pad(r.next() % UInt64(externals), 7))"
            }
        }
        func time(_ r: inout SplitMix64) -> String { iso(start + Int64(r.next() % span)) }

        try writeFile(folder + "/communications.csv", header: "from,to,timestamp,channel,count", count: comms) { out in
            let channels = ["email", "chat", "phone", "sms"]
            out +=
                party(&rng) + "," + party(&rng) + "," + time(&rng) + "," + channels[Int(rng.next() % 4)] + ","
                + String(1 + rng.next() % 3)
        }
        try writeFile(folder + "/payments.csv", header: "from,to,amount,timestamp,currency", count: pays) { out in
            let cents = rng.next() % 500_000
            out +=
                party(&rng) + "," + party(&rng) + "," + String(cents / 100) + "." + pad(cents % 100, 2) + ","
                + time(&rng) + ",EUR"
        }
        try writeFile(folder + "/access.csv", header: "employee,action,vendor,timestamp,ticket", count: access) { out in
            let actions = [
                "view_account", "update_listing", "delete_review", "restore_account", "export_sales_metrics",
                "view_orders",
            ]
            let ticket = rng.next() % 5 == 0 ? "" : "T-" + String(rng.next() % 100_000_000)
            out +=
                "E" + pad(rng.next() % UInt64(employees), 7) + "," + actions[Int(rng.next() % 6)] + ",V"
                + pad(rng.next() % UInt64(vendors), 7) + "," + time(&rng) + "," + ticket
        }
    }

    private func writeFile(_ path: String, header: String, count: Int, row: (inout String) -> Void) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw CocoaError(.fileWriteUnknown)
        }
        defer { try? handle.close() }
        var chunk = header + "\n"
        for _ in 0..<count {
            row(&chunk)
            chunk += "\n"
            if chunk.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(chunk.utf8))
                chunk.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: Data(chunk.utf8))
    }

    private func iso(_ seconds: Int64) -> String {
        let days = seconds / 86_400, s = seconds % 86_400
        let (y, m, d) = civil(days)
        return
            "\(y)-\(pad(UInt64(m), 2))-\(pad(UInt64(d), 2))T\(pad(UInt64(s / 3600), 2)):\(pad(UInt64(s % 3600 / 60), 2)):\(pad(UInt64(s % 60), 2))Z"
    }

    private func civil(_ days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468, era = z / 146_097, doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

private func pad(_ value: UInt64, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
