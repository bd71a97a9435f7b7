/// The web app's templates and assets, embedded at build time by the EmbedServerFiles plugin from `Web/Templates`
/// (`templates`, by file name) and `Web/Assets` (`assets`).
public enum WebFiles {}
