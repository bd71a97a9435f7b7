import Foundation

/// The `Config/` folder: mappings, need-model settings, lookups. Found from an explicit path,
/// `$ALLOT_CONFIG_DIR`, `./Config`, or the repository the executable was built in.
public struct ConfigDirectory: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// Locates the folder; `explicit` wins, then the environment, then the working directory, then
    /// the folders above the executable (a `swift build` product lives in `.build/<triple>/<config>/`).
    public static func locate(explicit: String? = nil) throws -> ConfigDirectory {
        let fm = FileManager.default
        if let explicit {
            guard fm.fileExists(atPath: explicit) else {
                throw ConfigError(file: explicit, key: "", message: "no such configuration folder")
            }
            return ConfigDirectory(path: explicit)
        }
        if let env = ProcessInfo.processInfo.environment["ALLOT_CONFIG_DIR"], !env.isEmpty {
            guard fm.fileExists(atPath: env) else {
                throw ConfigError(file: env, key: "ALLOT_CONFIG_DIR", message: "no such configuration folder")
            }
            return ConfigDirectory(path: env)
        }
        let cwd = fm.currentDirectoryPath + "/Config"
        if fm.fileExists(atPath: cwd + "/mappings") { return ConfigDirectory(path: cwd) }
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("Config").path
            if fm.fileExists(atPath: candidate + "/mappings") { return ConfigDirectory(path: candidate) }
            dir = dir.deletingLastPathComponent()
        }
        throw ConfigError(file: "Config", key: "", message: "cannot find the Config/ folder; run from the repository, or pass --config-dir or set ALLOT_CONFIG_DIR")
    }

    /// A file inside the folder.
    public func file(_ relative: String) -> String { (path as NSString).appendingPathComponent(relative) }

    /// Reads a YAML file of the folder as text.
    public func text(_ relative: String) throws -> String {
        let full = file(relative)
        guard let data = FileManager.default.contents(atPath: full) else {
            throw ConfigError(file: full, key: "", message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: full, key: "", message: "not UTF-8 text")
        }
        return text
    }
}
