// Writes a Swift file holding a text file's exact bytes as a string constant: `EmbedText INPUT OUTPUT TYPE MEMBER`.
// Run at build time by the EmbedOpenAPI plugin, so docs/openapi.json is the one source of the served document and
// the binary needs no resource bundle beside it. Hand-written because SwiftPM's resources need a bundle at run time
// and no package in the mirror embeds a file as source.
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 5 else {
    FileHandle.standardError.write(Data("usage: EmbedText INPUT OUTPUT TYPE MEMBER\n".utf8))
    exit(64)
}
let (input, output, type, member) = (arguments[1], arguments[2], arguments[3], arguments[4])
guard let data = FileManager.default.contents(atPath: input), let text = String(data: data, encoding: .utf8) else {
    FileHandle.standardError.write(Data("EmbedText: cannot read \(input) as UTF-8\n".utf8))
    exit(65)
}
// A raw string needs more #s than any run of # after a quote in the text, so nothing in it can close the literal.
var longest = 0, run = -1
for character in text {
    if character == "\"" { run = 0 } else if character == "#", run >= 0 { run += 1; longest = max(longest, run) } else { run = -1 }
}
let hashes = String(repeating: "#", count: longest + 1)
// The text's lines start at column 0 and so does the closing delimiter, so the literal strips no indentation; the
// line break before the closing delimiter is not part of a multi-line literal, so one more keeps the text's own.
var out = "// Generated at build time by the EmbedOpenAPI plugin from \((input as NSString).lastPathComponent): edit that file, not this one.\n\n"
out += "extension \(type) {\n    /// The file's text, byte for byte.\n    public static let \(member): String = \(hashes)\"\"\"\n"
out += text + "\n\"\"\"\(hashes)\n}\n"
do {
    try out.write(toFile: output, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("EmbedText: cannot write \(output): \(error)\n".utf8))
    exit(73)
}
