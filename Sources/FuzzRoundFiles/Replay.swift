// Without the fuzzer (an ordinary build), replays the inputs named on the command line: `FuzzRoundFiles FILE...`.
// A fuzzing build defines FUZZING, and libFuzzer provides main.
#if !FUZZING
import Foundation

@main
struct Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("cannot read \(path)")
                exit(66)
            }
            _ = data.withUnsafeBytes { bytes in
                fuzzOne(bytes.bindMemory(to: UInt8.self).baseAddress ?? UnsafePointer(bitPattern: 1)!, data.count)
            }
            print("\(path): ok")
        }
    }
}
#endif

#if FUZZING
// SwiftPM links an executable's entry point as `FuzzRoundFiles_main` (it aliases main to it), so a fuzzing build
// provides that symbol and hands control to libFuzzer's driver instead of libFuzzer's own main.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("FuzzRoundFiles_main")
func fuzzingMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzOne)
}
#endif
