package demo

import "github.com/borasstad/lokalbanken/internal/venue"

var organisations = []orgSpec{
	{key: "city", kind: "city", name: "Borås Stad", orgNumber: CityOrgNumber, website: "https://www.boras.se",
		description: "Kommunen. Förvaltningarna nedan hör till Borås Stad."},
	{key: "ks", kind: "city", parent: "city", name: "Stadsledningskansliet",
		description: "Kommunstyrelsens förvaltning; håller i Överenskommelsen för staden."},
	{key: "fritid", kind: "city", parent: "city", name: "Fritids- och folkhälsoförvaltningen",
		description: "Fritidsgårdar, idrottsanläggningar och mötesplatser."},
	{key: "kultur", kind: "city", parent: "city", name: "Kulturförvaltningen",
		description: "Kulturhuset, biblioteken och Borås konstmuseum."},
	{key: "arbete", kind: "city", parent: "city", name: "Arbetslivsförvaltningen",
		description: "Arbetsmarknadsinsatser och vuxenutbildning."},
	{key: "rodakorset", kind: "association", name: "Röda Korset Borås", orgNumber: "802400-1177",
		description: "Lokalavdelning: språkcafé, läxhjälp och besöksverksamhet."},
	{key: "pro", kind: "association", name: "PRO Norrby", orgNumber: "802471-2344",
		description: "Pensionärsförening med träffar varje vecka."},
	{key: "ifk", kind: "association", name: "Hässleholmens IF", orgNumber: "802519-8766",
		description: "Fotboll och innebandy för barn och unga."},
	{key: "studie", kind: "association", name: "Studieförbundet Vuxenskolan Borås", orgNumber: "802433-2101",
		description: "Studiecirklar och kulturprogram."},
	{key: "kvinnojour", kind: "association", name: "Kvinnojouren i Borås", orgNumber: "802455-5016",
		description: "Stöd till kvinnor och barn."},
	{key: "somali", kind: "association", name: "Somaliska föräldraföreningen", orgNumber: "802466-7027",
		description: "Föräldrastöd och läxhjälp på Hässleholmen."},
	{key: "scout", kind: "association", name: "Borås Scoutkår", orgNumber: "802477-8030",
		description: "Scouting för alla från åtta år."},
	{key: "kor", kind: "association", name: "Sjöbo Kammarkör", orgNumber: "802488-9043",
		description: "Blandad kör som övar på tisdagskvällar."},
	{key: "hyresgast", kind: "association", name: "Hyresgästföreningen Norrby", orgNumber: "802499-1054",
		description: "Lokal hyresgästförening med kvarterslokal."},
	{key: "funktion", kind: "association", name: "Funktionsrätt Borås", orgNumber: "802412-3062",
		description: "Samarbetsorgan för funktionsrättsföreningar."},
	{key: "schack", kind: "other", name: "Stiftelsen Navet", orgNumber: "802423-4075",
		description: "Science center för barn och unga."},
}

var (
	fullAccess = venue.Accessibility{StepFreeEntrance: true, AccessibleToilet: true, HearingLoop: true, Lift: true, AccessibleParking: true}
	someAccess = venue.Accessibility{StepFreeEntrance: true, AccessibleToilet: true}
)

func b(v bool) *bool { return &v }

func area(v float64) *float64 { return &v }

var premises = []venueSpec{
	{owner: "ks", name: "Stadshuset", street: "Kungsgatan 55", postal: "503 35", district: "Centrum",
		lat: 57.7215, lon: 12.9401, description: "Kommunens hus vid Stora torget.",
		access:  venue.Accessibility{StepFreeEntrance: true, AccessibleToilet: true, HearingLoop: true, Lift: true, Note: "Entré utan trappsteg från Kungsgatan."},
		contact: [3]string{"Stadshusets reception", "stadshuset@example.org", "033-35 70 00"},
		rooms: []venue.RoomInput{
			{Name: "Kommunstyrelsens sessionssal", Capacity: 80, AreaM2: area(160), Facilities: []string{"projector", "screen", "sound_system", "wifi", "video_conference"},
				Description: "Sessionssal med talarstol och hörslinga."},
			{Name: "Sammanträdesrum Viskan", Capacity: 16, AreaM2: area(40), Facilities: []string{"screen", "whiteboard", "wifi"}},
		}},
	{owner: "kultur", name: "Kulturhuset", street: "P A Halls Terrass 1", postal: "503 35", district: "Centrum",
		lat: 57.7205, lon: 12.9345, description: "Bibliotek, konstmuseum och stadsteater under ett tak.",
		access:  fullAccess,
		contact: [3]string{"Kulturhusets information", "kulturhuset@example.org", "033-35 76 00"},
		rooms: []venue.RoomInput{
			{Name: "Röda rummet", Capacity: 60, AreaM2: area(110), Facilities: []string{"projector", "screen", "sound_system", "wifi", "piano"},
				Description: "Rött och ljudtätt, för föreläsningar och samtal."},
			{Name: "Studion", Capacity: 25, AreaM2: area(55), Facilities: []string{"whiteboard", "wifi"}},
		}},
	{owner: "arbete", name: "Arbetslivsförvaltningen Österlånggatan", street: "Österlånggatan 72", postal: "503 37", district: "Centrum",
		lat: 57.7222, lon: 12.9449, description: "Förvaltningens kontor med konferensrum för föreningar.",
		access:  venue.Accessibility{StepFreeEntrance: true, AccessibleToilet: true, Lift: true},
		contact: [3]string{"Reception", "arbetsliv@example.org", "033-35 80 00"},
		rooms: []venue.RoomInput{
			{Name: "Konferensrum Ramnasjön", Capacity: 20, AreaM2: area(45), Facilities: []string{"projector", "whiteboard", "wifi"}},
			{Name: "Lilla mötesrummet", Capacity: 6, AreaM2: area(14), Facilities: []string{"screen", "wifi"}},
		}},
	{owner: "fritid", name: "Norrby träffpunkt", street: "Norrby Tvärgata 6", postal: "504 37", district: "Norrby",
		lat: 57.7368, lon: 12.9295, description: "Mötesplats för alla åldrar mitt på Norrby.",
		access:  someAccess,
		contact: [3]string{"Träffpunktens personal", "norrby@example.org", "033-35 81 10"},
		rooms: []venue.RoomInput{
			{Name: "Stora salen", Capacity: 90, AreaM2: area(150), Facilities: []string{"kitchen", "stage", "sound_system", "wifi", "dishwasher"}},
			{Name: "Hantverksrummet", Capacity: 12, AreaM2: area(35), Facilities: []string{"kitchen"}, Bookable: b(false),
				Description: "Används av fritidsgården; bokas inte."},
		}},
	{owner: "fritid", name: "Hässleholmens aktivitetshus", street: "Hässleholmsvägen 20", postal: "504 62", district: "Hässleholmen",
		lat: 57.7284, lon: 12.9768, description: "Idrottshall och samlingslokaler.",
		access:  fullAccess,
		contact: [3]string{"Aktivitetshuset", "hassleholmen@example.org", "033-35 82 20"},
		rooms: []venue.RoomInput{
			{Name: "Idrottshallen", Capacity: 200, AreaM2: area(800), Facilities: []string{"changing_rooms", "sound_system"}},
			{Name: "Samlingssalen", Capacity: 50, AreaM2: area(90), Facilities: []string{"kitchen", "projector", "wifi"}},
		}},
	{owner: "pro", name: "PRO-lokalen Norrby", street: "Sandgärdsgatan 14", postal: "504 37", district: "Norrby",
		lat: 57.7352, lon: 12.9312, description: "Föreningslokal som PRO delar med andra föreningar.",
		access:  venue.Accessibility{StepFreeEntrance: true, Note: "Toaletten är inte anpassad för rullstol."},
		contact: [3]string{"Lokalansvarig PRO Norrby", "pro.norrby@example.org", "070-000 00 01"},
		rooms: []venue.RoomInput{
			{Name: "Samlingslokalen", Capacity: 40, AreaM2: area(70), Facilities: []string{"kitchen", "dishwasher", "piano"}},
		}},
	{owner: "hyresgast", name: "Kvarterslokalen Hässleholmen", street: "Hässlehusgatan 3", postal: "504 62", district: "Hässleholmen",
		lat: 57.7279, lon: 12.9741, description: "Kvarterslokal för boende och föreningar.",
		access:  someAccess,
		contact: [3]string{"Hyresgästföreningen", "hgf.hassleholmen@example.org", "070-000 00 02"},
		rooms: []venue.RoomInput{
			{Name: "Kvarterslokalen", Capacity: 30, AreaM2: area(60), Facilities: []string{"kitchen", "wifi"}},
		}},
	{owner: "scout", name: "Scoutstugan Ramnaparken", street: "Ramnaparken 2", postal: "504 39", district: "Ramnaparken",
		lat: 57.7160, lon: 12.9290, description: "Timmerstuga vid Ramnasjön.",
		access:  venue.Accessibility{},
		contact: [3]string{"Scoutkårens stugansvarig", "scout@example.org", "070-000 00 03"},
		rooms: []venue.RoomInput{
			{Name: "Stugan", Capacity: 25, AreaM2: area(50), Facilities: []string{"kitchen"}},
		}},
	{owner: "studie", name: "Vuxenskolans hus", street: "Allégatan 43", postal: "503 32", district: "Centrum",
		lat: 57.7190, lon: 12.9390, description: "Cirkelrum och en ateljé.",
		access:  venue.Accessibility{StepFreeEntrance: true, AccessibleToilet: true, Lift: true, HearingLoop: true},
		contact: [3]string{"Expeditionen", "sv.boras@example.org", "033-000 00 04"},
		rooms: []venue.RoomInput{
			{Name: "Cirkelrum 1", Capacity: 12, AreaM2: area(25), Facilities: []string{"whiteboard", "wifi"}},
			{Name: "Cirkelrum 2", Capacity: 12, AreaM2: area(25), Facilities: []string{"whiteboard", "wifi", "screen"}},
			{Name: "Ateljén", Capacity: 15, AreaM2: area(45), Facilities: []string{"kitchen"}},
		}},
}
