/// One survey's summary tally and need counts, added to row by row with nothing looked up by name.
///
/// `SurveyEvidence.add` finds a response's survey and academic year in dictionaries keyed by text, seven lookups a
/// row; a reader that keeps one `SurveyCounts` per survey it meets adds a row with none, then merges the counts
/// once (`SurveyTally.merge`, `NeedTally.merge(_:)`). The sums are exact integers, so the result is the same.
public struct SurveyCounts: Sendable {
    public let survey: String
    /// The academic year the need model files the survey under.
    let year: String
    /// The summary tally, its sectors only (`tally` adds them up).
    private var sectorTally: SurveyTally
    /// The survey's own hours totals (`YearNeedTally.surveyTotals`).
    var hours = SurveyHoursTally()
    /// The need cells of this survey's responses alone.
    var cells: YearNeedTally
    /// Responses counted (refusals aside).
    private(set) var responses = 0

    public init(survey: String) {
        self.survey = survey
        year = NeedTally.year(of: survey)
        sectorTally = SurveyTally(survey: survey)
        cells = YearNeedTally(year: year)
    }

    /// The summary tally of the rows counted.
    public var tally: SurveyTally { sectorTally.overallFromSectors() }

    /// Counts a response of this survey.
    public mutating func add(_ r: SurveyResponse) {
        sectorTally.addToSector(r)
        responses += 1
        hours.add(r)
        cells.addCells(r)
    }

    /// Counts a refusal (no consent).
    public mutating func addRefusal() { sectorTally.addRefusal() }
}
