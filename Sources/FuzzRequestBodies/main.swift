// Without the fuzzer (an ordinary build), replays the inputs named on the command line: `FuzzRequestBodies FILE...`.
// A fuzzing build defines FUZZING and parses this file as a library, and libFuzzer provides main.
#if !FUZZING
import Foundation

for path in CommandLine.arguments.dropFirst() {
    guard let data = FileManager.default.contents(atPath: path) else { print("cannot read \(path)"); exit(66) }
    _ = data.withUnsafeBytes { fuzzOne($0.bindMemory(to: UInt8.self).baseAddress ?? UnsafePointer(bitPattern: 1)!, data.count) }
    print("\(path): ok")
}
#endif
