/// The survey's questions and their codes, as in `shared/spec/survey-csv.md`.
///
/// Codes are the stable identifiers; accepted wordings beyond the labels live in `Config/mappings`.
public enum Taxonomy {
    public static let sector = Codebook(question: "sector", entries: [
        ("elc", "Early learning and childcare"),
        ("primary", "Primary"),
        ("secondary", "Secondary"),
        ("asn", "Additional support needs"),
        ("all-through", "All-through school"),
        ("technician", "Technical support (school sector)"),
        ("classroom-assistant", "Classroom assistants (school sector)"),
        ("college", "College and further education"),
        ("cld", "Community learning and development"),
    ])

    public static let role = Codebook(question: "role", entries: [
        ("classroom-teacher", "Classroom teacher"),
        ("principal-teacher", "Principal teacher/Faculty head"),
        ("headteacher", "DHT/Headteacher/Head of centre"),
        ("elc-practitioner", "Early learning and childcare practitioner"),
        ("classroom-assistant", "Classroom assistant"),
        ("probationer", "Probationer"),
        ("librarian", "School librarian"),
        ("technician", "Technician"),
        ("other", "Other"),
    ])

    public static let barriers = Codebook(question: "barriers", entries: [
        ("staff-cover", "Difficulty finding staff cover"),
        ("other-commitments", "Difficulty in attending professional learning due to other commitments"),
        ("funding-pl", "Lack of funding to pay for professional learning"),
        ("funding-travel", "Lack of funding to pay for associated travel/accommodation costs"),
        ("no-suitable-pl", "There is no suitable professional learning available"),
        ("location", "Location of my centre/school/organisation"),
        ("no-information", "I don't know where to get information about professional learning"),
        ("no-support", "Lack of support within my centre/school/organisation"),
        ("covid-workload", "Changing role/workload due to the COVID-19 pandemic"),
        ("other", "Other"),
    ])

    public static let priorities = Codebook(question: "priorities", entries: [
        ("pedagogy", "Pedagogies/teaching approaches to deliver STEM learning effectively"),
        ("concepts-maths", "Understanding of the concepts and knowledge that underpin mathematics/numeracy"),
        ("concepts-science", "Understanding of the concepts and knowledge that underpin science"),
        ("concepts-technologies", "Understanding of the concepts and knowledge that underpin technologies"),
        ("leadership", "How to lead and coordinate STEM in my setting"),
        ("stem-for-literacy-numeracy", "Using STEM as a context to raise attainment in literacy and numeracy"),
        ("skills-progression", "Skills progression in STEM subjects"),
        ("tracking-monitoring", "Tracking and monitoring in STEM subjects"),
        ("resources-awareness", "Awareness about the resources and support available for STEM"),
        ("gender-balance", "Improving gender balance in STEM learning"),
        ("equity", "Improving equity and equality in STEM learning"),
        ("national-qualifications", "Support for National Qualifications in STEM subjects"),
        ("assessment", "Assessing progress and achievement in STEM subjects"),
        ("careers-awareness", "Awareness of STEM careers and the relevance of STEM to the world of work"),
        ("employability", "Embedding career management & employability skills into the curriculum"),
        ("learner-pathways", "Familiarisation with learner pathways in STEM through college and work-based learning"),
        ("health-safety", "Health and safety update"),
        ("sciences", "Sciences"),
        ("new-equipment", "Support with new equipment"),
        ("advanced-higher", "Supporting advanced higher projects"),
        ("other", "Other"),
    ])

    public static let easeOfAccess = Codebook(question: "ease_of_access", entries: [
        ("very-difficult", "Very difficult"),
        ("difficult", "Difficult"),
        ("cannot-say", "Cannot say"),
        ("easy", "Easy"),
        ("very-easy", "Very easy"),
    ])

    public static let choiceSufficient = Codebook(question: "choice_sufficient", entries: [
        ("definitely-not", "Definitely not"),
        ("no", "No"),
        ("cannot-say", "Cannot say either way"),
        ("yes", "Yes"),
        ("definitely", "Definitely"),
    ])

    public static let confidence = Codebook(question: "confidence", entries: [
        ("strongly-disagree", "Strongly disagree"),
        ("disagree", "Disagree"),
        ("neutral", "Neither agree nor disagree"),
        ("agree", "Agree"),
        ("strongly-agree", "Strongly agree"),
    ])

    public static let hoursVsLastYear = Codebook(question: "hours_vs_last_year", entries: [
        ("a-lot-more", "A lot more"),
        ("more", "More"),
        ("about-the-same", "About the same"),
        ("fewer", "Fewer"),
        ("a-lot-fewer", "A lot fewer"),
    ])

    public static let plTypes = Codebook(question: "pl_types", entries: [
        ("external-course", "Attending an externally-provided course outside of my school"),
        ("cluster-collegiate", "Collegiate working across my cluster"),
        ("school-collegiate", "Collegiate working within my centre/school"),
        ("external-visit-in", "External company/organisation coming into my school"),
        ("formal-course", "Formal learning through a university/college course"),
        ("online-learning", "Online learning"),
        ("online-network", "Online network of practitioners"),
        ("webinars", "Webinars"),
        ("events", "Attending local, regional and national events to share STEM ideas and practice"),
        ("open-days", "Attending open day visits to other schools/settings/organisations with interesting STEM practice"),
        ("professional-reading", "Professional reading/engaging independently with research"),
        ("social-media", "Social media"),
        ("other", "Other"),
    ])

    public static let providers = Codebook(question: "providers", entries: [
        ("sserc", "SSERC"),
        ("local-authority", "Local authority"),
        ("stem-ambassadors", "STEM Ambassadors"),
        ("education-scotland", "Education Scotland"),
        ("learned-societies", "Learned societies"),
        ("sqa", "SQA"),
        ("universities", "Universities"),
        ("colleges", "Colleges"),
        ("science-centres", "Science centres/Festivals"),
        ("employers", "Local employers/businesses"),
        ("technician-service-centre", "Technician Service Centre"),
        ("stac", "Scottish Technicians Advisory Council (STAC)"),
        ("other", "Other"),
    ])

    /// Learner groups of the need model share the sector codes (technicians and classroom assistants are sectors too).
    public static let learnerGroup = sector

    /// Every coded question, in the order the store's taxonomy table lists them.
    public static let all: [Codebook] = [
        sector, role, hoursVsLastYear, plTypes, providers, easeOfAccess, choiceSufficient, barriers, priorities, confidence,
    ]

    /// The codebook of `question`, or nil.
    public static func codebook(for question: String) -> Codebook? {
        all.first { $0.question == question }
    }
}
