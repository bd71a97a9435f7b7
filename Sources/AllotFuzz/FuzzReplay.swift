import Foundation

/// An ordinary (non-fuzzing) build of a fuzz target replays the files it is given through its entry point: the
/// quick way to check one input by hand (`.build/debug/FuzzSurveyCSV FILE...`).
public enum FuzzReplay {
    public static func files(_ paths: some Sequence<String>, _ one: (UnsafePointer<UInt8>, Int) -> CInt) {
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("cannot read \(path)")
                exit(66)
            }
            _ = data.withUnsafeBytes { bytes in
                one(bytes.bindMemory(to: UInt8.self).baseAddress ?? UnsafePointer(bitPattern: 1)!, data.count)
            }
            print("\(path): ok")
        }
    }
}
