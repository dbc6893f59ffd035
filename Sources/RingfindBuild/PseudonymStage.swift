import Foundation
import RingfindGraph
import RingfindIngest

/// Applies `--pseudonymize` to what was read, before anything is analysed or written: every
/// entity id and alias, name, group (unless `--keep-groups`), attribute value and resource is
/// replaced by its keyed pseudonym (`Pseudonymizer`). Kinds, times, amounts, actions, channels
/// and tickets are kept, so detection sees the same structure and finds the same rings under
/// other names; every output is written from the relabelled tables, so no raw id or name can
/// reach one.
public enum PseudonymStage {
    /// - Complexity: O(entities + aliases + resources + their bytes).
    public static func apply(_ pseudonymizer: Pseudonymizer, entities: inout EntityTable, events: inout EventStore)
        throws(BuildError)
    {
        let collision =
            entities.relabel(
                id: { pseudonymizer.pseudonym($0, .id) }, name: { pseudonymizer.pseudonym($0, .name) },
                group: pseudonymizer.keepsGroups ? nil : { pseudonymizer.pseudonym($0, .group) },
                attribute: { pseudonymizer.pseudonym($0, .attribute) })
            ?? events.relabelResources { pseudonymizer.pseudonym($0, .resource) }
        if let collision { throw .pseudonymCollision(pseudonym: collision) }
    }

    /// The command line as `build.json` records it: the ids given to `--seeds` as pseudonyms.
    public static func commandLine(_ arguments: [String], _ pseudonymizer: Pseudonymizer) -> [String] {
        func pseudonyms(_ list: String) -> String {
            list.split(separator: ",", omittingEmptySubsequences: false)
                .map { pseudonymizer.pseudonym(String($0).trimmingCharacters(in: .whitespaces), .id) }.joined(
                    separator: ",")
        }
        var out: [String] = []
        var seedsNext = false
        for argument in arguments {
            if seedsNext {
                out.append(pseudonyms(argument))
                seedsNext = false
            } else if argument == "--seeds" {
                out.append(argument)
                seedsNext = true
            } else if argument.hasPrefix("--seeds=") {
                out.append("--seeds=" + pseudonyms(String(argument.dropFirst("--seeds=".count))))
            } else {
                out.append(argument)
            }
        }
        return out
    }

    /// A rejected row as a pseudonymised build records it: where and why, without its values.
    public static func withheld(_ rejection: RowRejection) -> RowRejection {
        var withheld = rejection
        withheld.row = ""
        withheld.withholdsValues = true
        return withheld
    }
}
