import AllotFuzz
import Foundation

/// libFuzzer's entry point (`make fuzz` builds this target with -sanitize=fuzzer).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzTargets.roundFiles(Data(bytes: data, count: size))
    return 0
}
