import Foundation
import PackagePlugin

/// Embeds in the AllotServer module, at every build that changes them:
/// - docs/openapi.json as `OpenAPIDocument.json` (the document in docs/ is the only copy, so the served document and
///   the file can never disagree);
/// - the web app's templates (`Web/Templates/*.mustache`) as `WebFiles.templates` and its CSS, script and images
///   (`Web/Assets/*`) as `WebFiles.assets`, keyed by file name, so the daemon serves its pages with no files beside it.
@main
struct EmbedServerFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let tool = try context.tool(named: "EmbedText").url
        let openAPI = context.package.directoryURL.appending(path: "docs").appending(path: "openapi.json")
        let openAPIOut = context.pluginWorkDirectoryURL.appending(path: "OpenAPIDocument+JSON.swift")
        var commands: [Command] = [
            .buildCommand(displayName: "Embedding docs/openapi.json", executable: tool,
                          arguments: [openAPI.path, openAPIOut.path, "OpenAPIDocument", "json"], inputFiles: [openAPI], outputFiles: [openAPIOut]),
        ]
        // The target's own folder (`Target.directoryURL` needs tools 6.1): Sources/TARGET.
        let web = context.package.directoryURL.appending(path: "Sources").appending(path: target.name).appending(path: "Web")
        for (folder, member) in [("Templates", "templates"), ("Assets", "assets")] {
            let files = try Self.files(in: web.appending(path: folder))
            let output = context.pluginWorkDirectoryURL.appending(path: "WebFiles+\(member).swift")
            commands.append(.buildCommand(displayName: "Embedding Web/\(folder)", executable: tool,
                                          arguments: ["--files", output.path, "WebFiles", member] + files.map(\.path),
                                          inputFiles: files, outputFiles: [output]))
        }
        return commands
    }

    /// The folder's files (not sub-folders), sorted by name so the generated source is the same on every machine.
    static func files(in folder: URL) throws -> [URL] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        return names.map { folder.appending(path: $0) }
    }
}
