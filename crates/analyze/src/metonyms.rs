//! Places that stand for governments: "Moscow said", "the Kremlin denied", "Kyiv insists".
//!
//! News names a government by its capital or its seat. A statement by "Washington" is a
//! statement by the government of the United States, and every spelling of a capital
//! ("Kyiv", "Kiev") must land on the same name, so each entry maps to one explicit canonical
//! name: `Government of <country>`. The table covers the capitals of the UN member states
//! (with the romanisations in common use) and the best-known seats of government; it is
//! deliberately broad rather than picked for particular stories.

/// `capital or seat (spellings separated by |) => country`.
const TABLE: &[(&str, &str)] = &[
    ("Kabul", "Afghanistan"),
    ("Tirana", "Albania"),
    ("Algiers", "Algeria"),
    ("Andorra la Vella", "Andorra"),
    ("Luanda", "Angola"),
    ("Buenos Aires|Casa Rosada", "Argentina"),
    ("Yerevan", "Armenia"),
    ("Canberra", "Australia"),
    ("Vienna", "Austria"),
    ("Baku", "Azerbaijan"),
    ("Nassau", "the Bahamas"),
    ("Manama", "Bahrain"),
    ("Dhaka|Dacca", "Bangladesh"),
    ("Bridgetown", "Barbados"),
    ("Minsk", "Belarus"),
    ("Brussels", "Belgium"),
    ("Belmopan", "Belize"),
    ("Porto-Novo", "Benin"),
    ("Thimphu", "Bhutan"),
    ("La Paz|Sucre", "Bolivia"),
    ("Sarajevo", "Bosnia and Herzegovina"),
    ("Gaborone", "Botswana"),
    ("Brasilia|Brasília|Planalto", "Brazil"),
    ("Bandar Seri Begawan", "Brunei"),
    ("Sofia", "Bulgaria"),
    ("Ouagadougou", "Burkina Faso"),
    ("Gitega|Bujumbura", "Burundi"),
    ("Praia", "Cabo Verde"),
    ("Phnom Penh", "Cambodia"),
    ("Yaounde|Yaoundé", "Cameroon"),
    ("Ottawa", "Canada"),
    ("Bangui", "the Central African Republic"),
    ("N'Djamena|N’Djamena|Ndjamena", "Chad"),
    ("Santiago", "Chile"),
    ("Beijing|Peking|Zhongnanhai", "China"),
    ("Bogota|Bogotá", "Colombia"),
    ("Moroni", "Comoros"),
    ("Brazzaville", "the Republic of the Congo"),
    ("Kinshasa", "the Democratic Republic of the Congo"),
    ("San Jose|San José", "Costa Rica"),
    ("Yamoussoukro|Abidjan", "Côte d'Ivoire"),
    ("Zagreb", "Croatia"),
    ("Havana", "Cuba"),
    ("Nicosia", "Cyprus"),
    ("Prague", "the Czech Republic"),
    ("Pyongyang", "North Korea"),
    ("Copenhagen", "Denmark"),
    ("Djibouti", "Djibouti"),
    ("Roseau", "Dominica"),
    ("Santo Domingo", "the Dominican Republic"),
    ("Quito", "Ecuador"),
    ("Cairo", "Egypt"),
    ("San Salvador", "El Salvador"),
    ("Malabo", "Equatorial Guinea"),
    ("Asmara", "Eritrea"),
    ("Tallinn", "Estonia"),
    ("Mbabane|Lobamba", "Eswatini"),
    ("Addis Ababa", "Ethiopia"),
    ("Suva", "Fiji"),
    ("Helsinki", "Finland"),
    ("Paris|Elysee|Élysée|Elysee Palace|Élysée Palace", "France"),
    ("Libreville", "Gabon"),
    ("Banjul", "the Gambia"),
    ("Tbilisi", "Georgia"),
    ("Berlin", "Germany"),
    ("Accra", "Ghana"),
    ("Athens", "Greece"),
    ("St. George's|St George's", "Grenada"),
    ("Guatemala City", "Guatemala"),
    ("Conakry", "Guinea"),
    ("Bissau", "Guinea-Bissau"),
    ("Georgetown", "Guyana"),
    ("Port-au-Prince", "Haiti"),
    ("Tegucigalpa", "Honduras"),
    ("Budapest", "Hungary"),
    ("Reykjavik|Reykjavík", "Iceland"),
    ("New Delhi|Delhi", "India"),
    ("Jakarta", "Indonesia"),
    ("Tehran|Teheran", "Iran"),
    ("Baghdad", "Iraq"),
    ("Dublin", "Ireland"),
    ("Jerusalem", "Israel"),
    ("Rome|Palazzo Chigi", "Italy"),
    ("Kingston", "Jamaica"),
    ("Tokyo", "Japan"),
    ("Amman", "Jordan"),
    ("Astana|Nur-Sultan", "Kazakhstan"),
    ("Nairobi", "Kenya"),
    ("Tarawa", "Kiribati"),
    ("Kuwait City", "Kuwait"),
    ("Bishkek", "Kyrgyzstan"),
    ("Vientiane", "Laos"),
    ("Riga", "Latvia"),
    ("Beirut", "Lebanon"),
    ("Maseru", "Lesotho"),
    ("Monrovia", "Liberia"),
    ("Tripoli", "Libya"),
    ("Vaduz", "Liechtenstein"),
    ("Vilnius", "Lithuania"),
    ("Antananarivo", "Madagascar"),
    ("Lilongwe", "Malawi"),
    ("Kuala Lumpur|Putrajaya", "Malaysia"),
    ("Male|Malé", "the Maldives"),
    ("Bamako", "Mali"),
    ("Valletta", "Malta"),
    ("Majuro", "the Marshall Islands"),
    ("Nouakchott", "Mauritania"),
    ("Port Louis", "Mauritius"),
    ("Mexico City", "Mexico"),
    ("Palikir", "Micronesia"),
    ("Monaco", "Monaco"),
    ("Ulaanbaatar|Ulan Bator", "Mongolia"),
    ("Podgorica", "Montenegro"),
    ("Rabat", "Morocco"),
    ("Maputo", "Mozambique"),
    ("Naypyidaw|Nay Pyi Taw|Naypyitaw", "Myanmar"),
    ("Windhoek", "Namibia"),
    ("Yaren", "Nauru"),
    ("Kathmandu", "Nepal"),
    ("Amsterdam|The Hague", "the Netherlands"),
    ("Wellington", "New Zealand"),
    ("Managua", "Nicaragua"),
    ("Niamey", "Niger"),
    ("Abuja", "Nigeria"),
    ("Skopje", "North Macedonia"),
    ("Oslo", "Norway"),
    ("Muscat", "Oman"),
    ("Islamabad", "Pakistan"),
    ("Ngerulmud", "Palau"),
    ("Panama City", "Panama"),
    ("Port Moresby", "Papua New Guinea"),
    ("Asuncion|Asunción", "Paraguay"),
    ("Lima", "Peru"),
    ("Manila|Malacanang|Malacañang", "the Philippines"),
    ("Warsaw", "Poland"),
    ("Lisbon", "Portugal"),
    ("Doha", "Qatar"),
    ("Seoul", "South Korea"),
    ("Chisinau|Chișinău|Kishinev", "Moldova"),
    ("Bucharest", "Romania"),
    ("Moscow|Kremlin", "Russia"),
    ("Kigali", "Rwanda"),
    ("Basseterre", "Saint Kitts and Nevis"),
    ("Castries", "Saint Lucia"),
    ("Kingstown", "Saint Vincent and the Grenadines"),
    ("Apia", "Samoa"),
    ("San Marino", "San Marino"),
    ("Sao Tome|São Tomé", "São Tomé and Príncipe"),
    ("Riyadh", "Saudi Arabia"),
    ("Dakar", "Senegal"),
    ("Belgrade", "Serbia"),
    ("Victoria", "Seychelles"),
    ("Freetown", "Sierra Leone"),
    ("Singapore", "Singapore"),
    ("Bratislava", "Slovakia"),
    ("Ljubljana", "Slovenia"),
    ("Honiara", "the Solomon Islands"),
    ("Mogadishu", "Somalia"),
    ("Pretoria|Cape Town", "South Africa"),
    ("Juba", "South Sudan"),
    ("Madrid|Moncloa", "Spain"),
    ("Colombo|Sri Jayawardenepura Kotte", "Sri Lanka"),
    ("Khartoum", "Sudan"),
    ("Paramaribo", "Suriname"),
    ("Stockholm", "Sweden"),
    ("Bern|Berne", "Switzerland"),
    ("Damascus", "Syria"),
    ("Dushanbe", "Tajikistan"),
    ("Bangkok", "Thailand"),
    ("Dili", "Timor-Leste"),
    ("Lome|Lomé", "Togo"),
    ("Nuku'alofa|Nukuʻalofa", "Tonga"),
    ("Port of Spain", "Trinidad and Tobago"),
    ("Tunis", "Tunisia"),
    ("Ankara", "Turkey"),
    ("Ashgabat", "Turkmenistan"),
    ("Funafuti", "Tuvalu"),
    ("Kampala", "Uganda"),
    ("Kyiv|Kiev|Kyyiv", "Ukraine"),
    ("Abu Dhabi", "the United Arab Emirates"),
    ("London|Downing Street|Whitehall", "the United Kingdom"),
    ("Dodoma", "Tanzania"),
    ("Washington|White House", "the United States"),
    ("Montevideo", "Uruguay"),
    ("Tashkent", "Uzbekistan"),
    ("Port Vila", "Vanuatu"),
    ("Caracas|Miraflores", "Venezuela"),
    ("Hanoi", "Vietnam"),
    ("Sanaa|Sana'a|Sana’a", "Yemen"),
    ("Lusaka", "Zambia"),
    ("Harare", "Zimbabwe"),
    ("Taipei", "Taiwan"),
    ("Ramallah", "the Palestinian Authority"),
];

/// Whether a lowercased word is part of the name of a UN member state or of its capital:
/// a gazetteer feature for the entity tagger.
pub fn is_place_word(lower: &str) -> bool {
    static WORDS: std::sync::LazyLock<std::collections::HashSet<String>> =
        std::sync::LazyLock::new(|| {
            TABLE
                .iter()
                .flat_map(|(places, country)| places.split('|').chain([*country]))
                .flat_map(str::split_whitespace)
                .map(str::to_lowercase)
                .filter(|w| w.len() > 2 && !parallax_text::is_function_word(w))
                .collect()
        });
    WORDS.contains(lower)
}

/// The government a speaker mention stands for, when the mention is a capital or a seat of
/// government ("Moscow", "the Kremlin", "Kiev's"): `Government of <country>`.
pub fn government(mention: &str) -> Option<String> {
    let m = mention.trim().trim_end_matches([',', ':']);
    let m = m
        .strip_suffix("'s")
        .or_else(|| m.strip_suffix("’s"))
        .unwrap_or(m);
    let m = m
        .strip_prefix("the ")
        .or_else(|| m.strip_prefix("The "))
        .unwrap_or(m);
    PLACES
        .get(m)
        .map(|country| format!("Government of {country}"))
}

/// [`TABLE`] by spelling: every speaker of every statement is looked up, and walking the
/// table's two hundred rows for each took a quarter of speaker resolution's time.
static PLACES: std::sync::LazyLock<crate::FastMap<&'static str, &'static str>> =
    std::sync::LazyLock::new(|| {
        TABLE
            .iter()
            .flat_map(|(places, country)| places.split('|').map(move |p| (p, *country)))
            .collect()
    });

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_capital_share_one_name() {
        assert_eq!(government("Kyiv").as_deref(), Some("Government of Ukraine"));
        assert_eq!(government("Kiev").as_deref(), Some("Government of Ukraine"));
        assert_eq!(
            government("the Kremlin").as_deref(),
            Some("Government of Russia")
        );
        assert_eq!(
            government("Moscow's").as_deref(),
            Some("Government of Russia")
        );
        assert_eq!(
            government("The White House").as_deref(),
            Some("Government of the United States")
        );
    }

    #[test]
    fn other_phrases_are_not_governments() {
        assert_eq!(government("the mayor of Moscow"), None);
        assert_eq!(government("Washington Post"), None);
        assert_eq!(government("moscow"), None);
    }

    #[test]
    fn each_place_appears_once() {
        let mut seen = std::collections::HashSet::new();
        for (places, _) in TABLE {
            for p in places.split('|') {
                assert!(seen.insert(p), "{p} is listed twice");
            }
        }
    }
}
