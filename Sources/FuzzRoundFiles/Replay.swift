import AllotFuzz

#if !FUZZING
/// An ordinary build replays the files named on the command line: `FuzzRoundFiles FILE...`.
@main
struct Replay {
    static func main() { FuzzReplay.files(CommandLine.arguments.dropFirst(), fuzzOne) }
}
#else
// SwiftPM links an executable's entry point as `FuzzRoundFiles_main` (it aliases main to it), so a fuzzing build
// provides that symbol and hands control to libFuzzer's driver instead of libFuzzer's own main. The driver is
// declared here, not in AllotFuzz, because only a fuzzing build links libFuzzer.
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
