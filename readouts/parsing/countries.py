"""Country words (names, short forms, demonyms) -> canonical country name.

Readouts name a counterpart's country by an adjective ("German Foreign Minister"), a short
form ("U.S.", "EU"), a full name ("the United States") or "of Russia" after the name.
"""

from __future__ import annotations

import re
from functools import lru_cache

# canonical: other spellings, adjectives. One line per country or organisation.
_TABLE = """
Afghanistan: Afghan, Afghani
Albania: Albanian
Algeria: Algerian
Andorra: Andorran
Angola: Angolan
Antigua and Barbuda: Antiguan, Barbudan
Argentina: Argentine, Argentinian, Argentinean
Armenia: Armenian
Australia: Australian
Austria: Austrian
Azerbaijan: Azerbaijani, Azeri
Bahamas: Bahamian, The Bahamas
Bahrain: Bahraini
Bangladesh: Bangladeshi
Barbados: Barbadian, Bajan
Belarus: Belarusian, Belarussian
Belgium: Belgian
Belize: Belizean
Benin: Beninese
Bhutan: Bhutanese
Bolivia: Bolivian
Bosnia and Herzegovina: Bosnian, Herzegovinian, Bosnia-Herzegovina
Botswana: Botswanan, Motswana
Brazil: Brazilian
Brunei: Bruneian, Brunei Darussalam
Bulgaria: Bulgarian
Burkina Faso: Burkinabe, Burkinabé
Burundi: Burundian
Cabo Verde: Cape Verde, Cape Verdean, Cabo Verdean
Cambodia: Cambodian, Kampuchea
Cameroon: Cameroonian
Canada: Canadian
Central African Republic: Central African
Chad: Chadian
Chile: Chilean
China: Chinese, PRC, CPC, People's Republic of China
Colombia: Colombian
Comoros: Comorian, Comoran
Republic of the Congo: Congo-Brazzaville, Congolese
Democratic Republic of the Congo: DRC, DR Congo, Congo-Kinshasa, Democratic Republic of Congo
Costa Rica: Costa Rican
Cote d'Ivoire: Côte d'Ivoire, Ivorian, Ivory Coast, Cote d’Ivoire, Côte d’Ivoire
Croatia: Croatian, Croat
Cuba: Cuban
Cyprus: Cypriot
Czech Republic: Czech, Czechia
Denmark: Danish
Djibouti: Djiboutian
Dominica: Commonwealth of Dominica
Dominican Republic: Dominican
East Timor: Timor-Leste, Timorese, East Timorese
Ecuador: Ecuadorian, Ecuadorean
Egypt: Egyptian
El Salvador: Salvadoran, Salvadorean
Equatorial Guinea: Equatoguinean, Equatorial Guinean
Eritrea: Eritrean
Estonia: Estonian
Eswatini: Swazi, Swaziland
Ethiopia: Ethiopian
Fiji: Fijian
Finland: Finnish
France: French
Gabon: Gabonese
Gambia: Gambian, The Gambia
Georgia: Georgian
Germany: German
Ghana: Ghanaian
Greece: Greek, Hellenic
Grenada: Grenadian
Guatemala: Guatemalan
Guinea: Guinean
Guinea-Bissau: Bissau-Guinean
Guyana: Guyanese
Haiti: Haitian
Honduras: Honduran
Hungary: Hungarian
Iceland: Icelandic
India: Indian
Indonesia: Indonesian
Iran: Iranian, Islamic Republic of Iran
Iraq: Iraqi
Ireland: Irish
Israel: Israeli
Italy: Italian
Jamaica: Jamaican
Japan: Japanese
Jordan: Jordanian
Kazakhstan: Kazakh, Kazakhstani
Kenya: Kenyan
Kiribati: I-Kiribati
North Korea: DPRK, Democratic People's Republic of Korea, North Korean, Workers' Party of Korea
South Korea: ROK, Republic of Korea, South Korean, Korean, Korea
Kuwait: Kuwaiti
Kyrgyzstan: Kyrgyz, Kyrgyzstani, Kirghiz
Laos: Lao, Laotian, Lao People's Democratic Republic
Latvia: Latvian
Lebanon: Lebanese
Lesotho: Basotho, Mosotho
Liberia: Liberian
Libya: Libyan
Liechtenstein: Liechtensteiner
Lithuania: Lithuanian
Luxembourg: Luxembourgish, Luxembourger
Madagascar: Malagasy
Malawi: Malawian
Malaysia: Malaysian
Maldives: Maldivian
Mali: Malian
Malta: Maltese
Marshall Islands: Marshallese
Mauritania: Mauritanian
Mauritius: Mauritian
Mexico: Mexican
Micronesia: Micronesian
Moldova: Moldovan
Monaco: Monegasque, Monacan
Mongolia: Mongolian
Montenegro: Montenegrin
Morocco: Moroccan
Mozambique: Mozambican
Myanmar: Myanmarese, Burma, Burmese
Namibia: Namibian
Nauru: Nauruan
Nepal: Nepali, Nepalese
Netherlands: Dutch, Holland, The Netherlands
New Zealand: New Zealander
Nicaragua: Nicaraguan
Niger: Nigerien
Nigeria: Nigerian
North Macedonia: Macedonian, Macedonia
Norway: Norwegian
Oman: Omani
Pakistan: Pakistani
Palau: Palauan
Palestine: Palestinian, State of Palestine
Panama: Panamanian
Papua New Guinea: Papua New Guinean, PNG
Paraguay: Paraguayan
Peru: Peruvian
Philippines: Philippine, Filipino, The Philippines
Poland: Polish
Portugal: Portuguese
Qatar: Qatari
Romania: Romanian
Russia: Russian, Russian Federation
Rwanda: Rwandan
Saint Kitts and Nevis: Kittitian, Nevisian
Saint Lucia: Saint Lucian, St. Lucia
Saint Vincent and the Grenadines: Vincentian
Samoa: Samoan
San Marino: Sammarinese
Sao Tome and Principe: São Tomé and Príncipe, Santomean
Saudi Arabia: Saudi, Saudi Arabian
Senegal: Senegalese
Serbia: Serbian, Serb
Seychelles: Seychellois
Sierra Leone: Sierra Leonean
Singapore: Singaporean
Slovakia: Slovak, Slovakian
Slovenia: Slovenian, Slovene
Solomon Islands: Solomon Islander
Somalia: Somali, Somalian
South Africa: South African
South Sudan: South Sudanese
Spain: Spanish
Sri Lanka: Sri Lankan
Sudan: Sudanese
Suriname: Surinamese
Sweden: Swedish
Switzerland: Swiss
Syria: Syrian, Syrian Arab Republic
Tajikistan: Tajik, Tajikistani
Tanzania: Tanzanian
Thailand: Thai
Togo: Togolese
Tonga: Tongan
Trinidad and Tobago: Trinidadian, Tobagonian
Tunisia: Tunisian
Turkey: Turkish, Türkiye, Turkiye
Turkmenistan: Turkmen
Tuvalu: Tuvaluan
Uganda: Ugandan
Ukraine: Ukrainian
United Arab Emirates: UAE, Emirati, the Emirates
United Kingdom: UK, U.K., British, Britain, Great Britain, the United Kingdom
United States: US, U.S., U.S.A., USA, American, the United States, United States of America
Uruguay: Uruguayan
Uzbekistan: Uzbek, Uzbekistani
Vanuatu: Ni-Vanuatu, Vanuatuan
Vatican: Holy See, Vatican City
Venezuela: Venezuelan
Vietnam: Vietnamese, Viet Nam
Yemen: Yemeni
Zambia: Zambian
Zimbabwe: Zimbabwean
European Union: EU, E.U., European Commission, European Council
United Nations: UN, U.N., United Nations Secretary-General
African Union: AU, African Union Commission
ASEAN: Association of Southeast Asian Nations
NATO: North Atlantic Treaty Organization
World Health Organization: WHO
World Trade Organization: WTO
International Monetary Fund: IMF
World Bank: World Bank Group
Arab League: League of Arab States
Gulf Cooperation Council: GCC
Shanghai Cooperation Organisation: SCO, Shanghai Cooperation Organization
"""


def _load() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in _TABLE.strip().splitlines():
        canonical, _, rest = line.partition(":")
        canonical = canonical.strip()
        table[canonical] = canonical
        for alias in rest.split(","):
            alias = alias.strip()
            if alias:
                table[alias] = canonical
    return table


COUNTRY_WORDS: dict[str, str] = _load()
# Words matched in any case, as "german" or "THE PHILIPPINES" are; not abbreviations, which
# keep their case both ways: "us" is a pronoun, and "Un" is Kim Jong Un's name, not the UN.
_LOWER = {k.lower().replace("’", "'"): v for k, v in COUNTRY_WORDS.items() if not k.isupper()}

# Longest first so "South Korean" wins over "Korean", "Papua New Guinea" over "Guinea".
_ALTERNATION = "|".join(re.escape(k) for k in sorted(COUNTRY_WORDS, key=len, reverse=True))
# Upper-case abbreviations ("US", "EU") must keep their case: "us" is a pronoun.
COUNTRY_RE = re.compile(rf"(?<![\w.])(?:{_ALTERNATION})(?![\w])(?:['’]s)?")
_ONE_TOKEN = {k.lower() for k in COUNTRY_WORDS if " " not in k and not k.isupper()}
_MULTI_TOKEN = {tuple(k.lower().split()) for k in COUNTRY_WORDS if " " in k}
MAX_COUNTRY_TOKENS = max(len(t) for t in _MULTI_TOKEN)
_MULTI_LAST = {t[-1] for t in _MULTI_TOKEN}


def canonical_country(word: str) -> str | None:
    """'German' -> 'Germany', "Pakistan's" -> 'Pakistan', unknown -> None."""
    word = word.strip().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if word.startswith(("the ", "The ")) and word.lower() not in _LOWER:
        word = word[4:]
    hit = COUNTRY_WORDS.get(word)
    if hit:
        return hit
    if word.isupper():  # "US" must not match "us"; case-fold only full words
        return None
    return _LOWER.get(word.lower())


def find_country(text: str) -> str | None:
    """The first country word in a title chain, canonicalised."""
    for m in COUNTRY_RE.finditer(text):
        hit = canonical_country(m.group(0))
        if hit:
            return hit
    return None


@lru_cache(maxsize=16384)
def is_country_token(token: str) -> bool:
    word = token.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if word in COUNTRY_WORDS:
        return True
    return not word.isupper() and word.lower() in _ONE_TOKEN


def country_ending_at(tokens: list[str], end: int) -> int:
    """Length of a multi-word country name that ends at tokens[end - 1], else 0."""
    if not end:
        return 0
    last = tokens[end - 1].lower().rstrip(",")
    if last.endswith(("'s", "’s")):
        last = last[:-2]
    if last in _MULTI_LAST:
        for n in range(min(MAX_COUNTRY_TOKENS, end), 1, -1):
            words = tuple(t.lower() for t in tokens[end - n : end - 1]) + (last,)
            if words in _MULTI_TOKEN:
                return n
    return 1 if is_country_token(tokens[end - 1]) else 0
