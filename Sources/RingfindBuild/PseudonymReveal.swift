import Foundation
import RingfindGraph
import RingfindIngest

/// `ringfind reveal KEYFILE PSEUDONYM…`: the original text behind pseudonyms, for whoever holds
/// the key and the inputs.
///
/// HMAC cannot be inverted, so revealing recomputes: it reads the inputs of the build (the
/// files its `build.json` lists, checked by SHA-256 to be the ones the build read — or every
/// input of a folder), computes the pseudonym of every id, alias, name, group, attribute value
/// and resource with the key, and keeps those asked for.
///
/// - Complexity: linear in the inputs (one ingest and one HMAC per distinct text).
public enum PseudonymReveal {
    /// One pseudonym and what it stands for (`original` is `nil` when nothing in the inputs
    /// gives it under this key).
    public struct Match: Sendable, Equatable {
        public var pseudonym: String
        public var domain: String
        public var original: String?
    }

    /// Reveals `pseudonyms` from the inputs recorded in `caseFolder`'s `build.json`.
    public static func fromCase(_ caseFolder: String, key: PseudonymKey, pseudonyms: [String]) throws(BuildError)
        -> [Match]
    {
        try CaseReading.with(caseFolder, checking: []) { (manifest) throws(BuildError) in
            let inputs = manifest.inputs.compactMap { report -> (InputFile, String)? in
                guard let kind = InputKind(rawValue: report.kind), let format = InputFormat(rawValue: report.format)
                else { return nil }
                return (InputFile(path: report.path, kind: kind, format: format), report.sha256)
            }
            return try reveal(inputs, key: key, pseudonyms: pseudonyms)
        }
    }

    /// Reveals `pseudonyms` from every input file of `inputFolder`.
    public static func fromInputs(_ inputFolder: String, key: PseudonymKey, pseudonyms: [String]) throws(BuildError)
        -> [Match]
    {
        let discovered: [InputFile]
        do { discovered = try InputDiscovery.discover(folder: inputFolder).inputs } catch { throw .input(error) }
        return try reveal(discovered.map { ($0, nil) }, key: key, pseudonyms: pseudonyms)
    }

    private static func reveal(_ inputs: [(InputFile, String?)], key: PseudonymKey, pseudonyms: [String])
        throws(BuildError) -> [Match]
    {
        var ingestor = Ingestor(policy: RejectPolicy(strict: false, limit: .count(.max))) {
            (_: RowRejection) throws(IngestError) in
        }
        for (input, sha256) in inputs {
            let report: FileReport
            do { report = try ingestor.ingest(input) } catch { throw .input(error) }
            if let sha256, report.sha256 != sha256 {
                throw .cannotRead(
                    path: input.path,
                    reason:
                        "the input changed since the build (SHA-256 differs); reveal needs the inputs the build read")
            }
        }
        let (entities, events) = ingestor.finish()
        let pseudonymizer = Pseudonymizer(key: key)
        var wanted: [String: String?] = [:]
        for p in pseudonyms { wanted[p] = .some(nil) }
        var remaining = Set(pseudonyms)
        func offer(_ text: String, _ domain: Pseudonymizer.Domain) {
            guard !remaining.isEmpty, !text.isEmpty else { return }
            let p = pseudonymizer.pseudonym(text, domain)
            if remaining.remove(p) != nil { wanted[p] = text }
        }
        for e in 0..<entities.count {
            offer(entities.id(Int32(e)), .id)
            offer(entities.names[e], .name)
            offer(entities.groups[e], .group)
            for column in entities.attributeNames.indices {
                offer(entities.attribute(column, of: Int32(e)), .attribute)
            }
        }
        for a in 0..<entities.aliases.count { offer(entities.aliases.string(Int32(a)), .id) }
        for r in 0..<events.resources.count { offer(events.resources.string(Int32(r)), .resource) }
        return pseudonyms.map { p in
            let domain = Pseudonymizer.Domain.allCases.first { p.hasPrefix($0.rawValue + "-") }?.word ?? ""
            return Match(pseudonym: p, domain: domain, original: wanted[p] ?? nil)
        }
    }
}
