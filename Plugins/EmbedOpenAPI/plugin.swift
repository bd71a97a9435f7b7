import Foundation
import PackagePlugin

/// Embeds docs/openapi.json in the AllotServer module as `OpenAPIDocument.json` at every build that changes it:
/// the document in docs/ is the only copy, so the served document and the file can never disagree.
@main
struct EmbedOpenAPI: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let input = context.package.directoryURL.appending(path: "docs").appending(path: "openapi.json")
        let output = context.pluginWorkDirectoryURL.appending(path: "OpenAPIDocument+JSON.swift")
        return [
            .buildCommand(
                displayName: "Embedding docs/openapi.json",
                executable: try context.tool(named: "EmbedText").url,
                arguments: [input.path, output.path, "OpenAPIDocument", "json"],
                inputFiles: [input],
                outputFiles: [output]),
        ]
    }
}
