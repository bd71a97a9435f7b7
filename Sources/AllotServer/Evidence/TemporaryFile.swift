import Foundation

/// The readers of AllotIngest take paths: uploaded bytes are written to a private temporary folder under their
/// upload name, read, and removed; error texts are given back without the folder.
enum TemporaryFile {
    static func with<T>(_ bytes: Data, name: String, _ body: (String) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("allot-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let safeName = name.replacingOccurrences(of: "/", with: "_")
        let path = folder.appendingPathComponent(safeName).path
        try bytes.write(to: URL(fileURLWithPath: path))
        do {
            return try body(path)
        } catch let error as APIError {
            throw error
        } catch {
            var mapped = ErrorMapping.apiError(error)
            mapped.detail = mapped.detail.replacingOccurrences(of: folder.path + "/", with: "")
            throw mapped
        }
    }
}
