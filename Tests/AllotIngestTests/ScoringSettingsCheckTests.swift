import AllotCore
import AllotIngest
import Foundation
import Testing

/// Criterion weights and score scales go through one check (`ScoringSettingsCheck`), whichever file they come from.
@Suite("Weights and score scales are checked once, the same way everywhere") struct ScoringSettingsCheckTests {
    private func configError(_ body: () throws -> Void) -> ConfigError? {
        do { try body(); return nil } catch let e as ConfigError { return e } catch { Issue.record("unexpected \(error)"); return nil }
    }

    private func roundFile(_ text: String) throws -> String { try Fixtures.file(text, name: "round.yaml") }

    @Test("scoring.yaml and a round file refuse the same weights with the same key and message")
    func weightsAgree() throws {
        for (yaml, key) in [("weights:\n  need_alignment: -1\n", "weights.need_alignment"),
                            ("weights:\n  need_alignment: 1e300\n", "weights.need_alignment"),
                            ("weights:\n  needs: 1\n", "weights.needs")] {
            let scoring = configError { _ = try ScoringConfigLoader.parse(yaml: yaml, source: "scoring.yaml") }
            let path = try roundFile("budget: 1000\n" + yaml)
            let round = configError { _ = try ScoringConfigLoader.round(path: path, defaults: RoundConstraints()) }
            #expect(scoring?.key == key && round?.key == key, "\(yaml): \(String(describing: scoring)) / \(String(describing: round))")
            #expect(scoring?.message == round?.message && scoring?.message != nil)
        }
    }

    @Test("A round file's score scale must be two finite numbers in range, lowest first")
    func scoreScales() throws {
        for scale in ["[5, 1]", "[1]", "[1, 1e300]", "[-.inf, 5]"] {
            let path = try roundFile("budget: 1000\nscore_scale: \(scale)\n")
            let e = configError { _ = try ScoringConfigLoader.round(path: path, defaults: RoundConstraints()) }
            #expect(e?.key == "score_scale", "\(scale): \(String(describing: e))")
        }
        let path = try roundFile("budget: 1000\nscore_scale: [0, 10]\n")
        #expect(try ScoringConfigLoader.round(path: path, defaults: RoundConstraints()).scoreScale == 0...10)
    }

    @Test("The check names the first bad criterion in name order, whatever the dictionary order")
    func theFirstProblemIsByName() {
        #expect(throws: ScoringSettingsCheck.Problem(key: "weights.aaa", message: "unknown criterion; expected " + Criterion.allCases.map(\.rawValue).joined(separator: ", "))) {
            _ = try ScoringSettingsCheck.weights(["zzz": 1, "need_alignment": 0.5, "aaa": 1])
        }
    }
}
