import Foundation

/// `MooringFuzz [--seconds N] [--seed S] [--findings DIR] [CORPUS_DIR…]`: mutates the seed files of the corpus
/// folders deterministically and feeds each input to the YAML reader, the JSON reader and the manifest decoder,
/// for N seconds (default 60). An input any of them takes longer than a second on is a hang: it is written to the
/// findings folder and the run exits 1. The input under test is written to `current-input` first, so that after a
/// crash `scripts/fuzz` keeps it as the crash's reproducer.
///
/// `MooringFuzz --time FILE…` instead prints how long each target takes on each file (benchmarks/decode-timing).
var seconds = 60.0
var timing = false
var seed: UInt64 = 1
var findings = "fuzz/findings"
var corpusFolders: [String] = []
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--seconds": seconds = Double(arguments.popFirst() ?? "") ?? seconds
    case "--seed": seed = UInt64(arguments.popFirst() ?? "") ?? seed
    case "--findings": findings = arguments.popFirst() ?? findings
    case "--time": timing = true
    default: corpusFolders.append(argument)
    }
}
if timing {
    for path in corpusFolders {
        let input = Array(FileManager.default.contents(atPath: path) ?? Data())
        let times = FuzzTarget.allCases.map { target in (target, ContinuousClock().measure { target.run(input) }) }
        let shown = times.map {
            "\($0.0.rawValue) \(String(format: "%.3f", Double($0.1.components.attoseconds) / 1e18 + Double($0.1.components.seconds))) s"
        }
        print("\(path) (\(input.count) bytes): \(shown.joined(separator: ", "))")
    }
    exit(0)
}
if corpusFolders.isEmpty {
    corpusFolders = ["Tests/ManifestsTests/Corpus", "fuzz/corpus", "fuzz/regressions", "deploy-manifests"]
}

func seedFiles(in folders: [String]) -> [[UInt8]] {
    var seeds: [[UInt8]] = []
    for folder in folders {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { continue }
        for case let path as String in walker
        where [".yaml", ".yml", ".json"].contains(where: { path.lowercased().hasSuffix($0) }) {
            if let data = FileManager.default.contents(atPath: folder + "/" + path), data.count <= 1 << 20 {
                seeds.append(Array(data))
            }
        }
    }
    return seeds
}

let seeds = seedFiles(in: corpusFolders)
guard !seeds.isEmpty else {
    FileHandle.standardError.write(Data("MooringFuzz: no seed files in \(corpusFolders)\n".utf8))
    exit(2)
}
try? FileManager.default.createDirectory(atPath: findings, withIntermediateDirectories: true)
let current = findings + "/current-input"
let clock = ContinuousClock()
let end = clock.now + .milliseconds(Int(seconds * 1000))
var mutator = Mutator(seed: seed)
var rounds = 0
var hangs = 0
var slowest: Duration = .zero
while clock.now < end {
    let input = mutator.mutate(seeds[mutator.below(seeds.count)], other: seeds[mutator.below(seeds.count)])
    _ = FileManager.default.createFile(atPath: current, contents: Data(input))
    for target in FuzzTarget.allCases {
        let took = clock.measure { target.run(input) }
        slowest = max(slowest, took)
        if took > .seconds(1) {
            hangs += 1
            let name = "\(findings)/hang-\(target.rawValue)-seed\(seed)-round\(rounds).yaml"
            _ = FileManager.default.createFile(atPath: name, contents: Data(input))
            print("hang: \(target.rawValue) took \(took) on \(input.count) bytes; saved as \(name)")
        }
    }
    rounds += 1
}
try? FileManager.default.removeItem(atPath: current)
print(
    "MooringFuzz: \(rounds) inputs × \(FuzzTarget.allCases.count) targets from \(seeds.count) seeds in \(seconds) s "
        + "(seed \(seed)); slowest \(slowest); \(hangs) hang(s), no crash"
)
exit(hangs == 0 ? 0 : 1)
