"""Encoding detection: rank_candidates and the BOM-less UTF-16/32 sniffer."""

from __future__ import annotations

import codecs
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glyphwash.core.encoding import detection
from glyphwash.core.encoding.detection import Candidate, rank_candidates, sniff_bomless_utf16_32

RUSSIAN = (
    "Вчера вечером в городе прошёл сильный дождь, и многие жители не смогли вовремя добраться "
    "домой. Синоптики обещают, что к выходным погода улучшится, а температура поднимется до "
    "двадцати градусов. Городские службы работали всю ночь, чтобы очистить улицы от воды."
)
GREEK = (
    "Χθες το βράδυ έβρεξε δυνατά στην πόλη και πολλοί κάτοικοι δεν μπόρεσαν να γυρίσουν σπίτι "
    "τους εγκαίρως. Οι μετεωρολόγοι υπόσχονται ότι ο καιρός θα βελτιωθεί μέχρι το Σαββατοκύριακο "
    "και η θερμοκρασία θα ανέβει στους είκοσι βαθμούς."
)
CZECH = (
    "Včera večer ve městě silně pršelo a mnoho obyvatel se nemohlo včas dostat domů. Meteorologové "
    "slibují, že se počasí do víkendu zlepší a teplota vystoupá na dvacet stupňů. Městské služby "
    "pracovaly celou noc, aby vyčistily ulice od vody."
)
POLISH = (
    "Wczoraj wieczorem w mieście mocno padało i wielu mieszkańców nie zdążyło wrócić do domu na "
    "czas. Synoptycy obiecują, że do weekendu pogoda się poprawi, a temperatura wzrośnie do "
    "dwudziestu stopni. Służby miejskie pracowały całą noc, żeby oczyścić ulice z wody."
)
FRENCH = (
    "Hier soir, une forte pluie est tombée sur la ville et beaucoup d'habitants n'ont pas pu rentrer "
    "chez eux à temps. Les météorologues promettent que le temps s'améliorera d'ici le week-end et "
    "que la température montera jusqu'à vingt degrés. Les services municipaux ont travaillé toute "
    "la nuit pour dégager les rues."
)
GERMAN = (
    "Gestern Abend hat es in der Stadt stark geregnet, und viele Einwohner konnten nicht rechtzeitig "
    "nach Hause kommen. Die Meteorologen versprechen, dass sich das Wetter bis zum Wochenende "
    "bessert und die Temperatur auf zwanzig Grad steigt. Die städtischen Dienste arbeiteten die "
    "ganze Nacht, um die Straßen vom Wasser zu befreien."
)
TURKISH = (
    "Dün akşam şehirde şiddetli yağmur yağdı ve birçok sakin zamanında evine ulaşamadı. Meteoroloji "
    "uzmanları hafta sonuna kadar havanın düzeleceğini ve sıcaklığın yirmi dereceye çıkacağını "
    "söylüyor. Belediye ekipleri sokakları temizlemek için bütün gece çalıştı."
)
HEBREW = (
    "אתמול בערב ירד גשם חזק בעיר ותושבים רבים לא הצליחו להגיע הביתה בזמן. החזאים מבטיחים שמזג "
    "האוויר ישתפר עד סוף השבוע והטמפרטורה תעלה לעשרים מעלות. עובדי העירייה עבדו כל הלילה."
)
JAPANESE = (
    "昨日の夜、町では強い雨が降り、多くの住民が時間通りに家に帰ることができませんでした。"
    "気象予報士によると、週末までに天気は回復し、気温は二十度まで上がるそうです。"
    "市の職員は一晩中働いて、道路から水を取り除きました。"
)
CHINESE = (
    "昨天晚上，城市里下了一场大雨，许多居民没能按时回家。气象专家表示，到周末天气将会好转，"
    "气温将升至二十度。市政部门的工作人员整夜工作，清理街道上的积水。"
)
KOREAN = (
    "어제 저녁 도시에 폭우가 내려 많은 주민들이 제시간에 집에 돌아가지 못했습니다. 기상 전문가들은 "
    "주말까지 날씨가 좋아지고 기온이 이십 도까지 오를 것이라고 말했습니다."
)
TRADITIONAL = (
    "昨天晚上，城市裡下了一場大雨，許多居民沒能按時回家。氣象專家表示，到週末天氣將會好轉，"
    "氣溫將升至二十度。市政部門的工作人員整夜工作，清理街道上的積水。"
)

# An English sentence in which every "e" is the Cyrillic look-alike "е": the tool's reason to be.
ENGLISH = (
    "President Vladimir Putin praised the firm support for the military operation, bolstering "
    "their resolve to combat Western powers. According to the report, the address did not go "
    "into specifics on the support. However, sources previously said the weapons were delivered."
)
HOMOGLYPH_CYRILLIC = ENGLISH.replace("e", "\u0435")
HOMOGLYPH_GREEK = ENGLISH.replace("o", "\u03bf")  # Greek omicron
# A light attack: a handful of words disguised with several Cyrillic letters, the rest plain.
HOMOGLYPH_LIGHT = (ENGLISH + " " + ENGLISH).replace("the ", "th\u0435 ", 3).replace(
    "support", "supp\u043ert", 1).replace("combat", "\u0441ombat", 1)

CASES = [
    (RUSSIAN, "cp1251"), (RUSSIAN, "koi8-r"), (RUSSIAN, "iso8859-5"), (RUSSIAN, "cp866"),
    (GREEK, "cp1253"), (GREEK, "iso8859-7"),
    (CZECH, "cp1250"), (CZECH, "iso8859-2"), (POLISH, "cp1250"), (POLISH, "iso8859-2"),
    (FRENCH, "cp1252"), (GERMAN, "cp1252"), (GERMAN, "latin-1"), (TURKISH, "cp1254"),
    (HEBREW, "cp1255"),
    (JAPANESE, "shift_jis"), (JAPANESE, "euc_jp"), (CHINESE, "gb2312"), (CHINESE, "gb18030"),
    (KOREAN, "euc_kr"), (TRADITIONAL, "big5"),
    (HOMOGLYPH_CYRILLIC, "cp1251"), (HOMOGLYPH_CYRILLIC, "koi8-r"),
    (HOMOGLYPH_CYRILLIC, "iso8859-5"), (HOMOGLYPH_CYRILLIC, "cp866"),
    (HOMOGLYPH_CYRILLIC, "mac-cyrillic"), (HOMOGLYPH_GREEK, "cp1253"),
    (HOMOGLYPH_GREEK, "iso8859-7"), (HOMOGLYPH_LIGHT, "cp1251"), (HOMOGLYPH_LIGHT, "koi8-r"),
]


@pytest.mark.parametrize(("text", "encoding"), CASES, ids=[f"{t.split()[0]}-{e}" for t, e in CASES])
def test_best_candidate_decodes_to_the_original_text(text: str, encoding: str) -> None:
    data = text.encode(encoding)
    best = rank_candidates(data)[0]
    assert data.decode(best.encoding) == text, best


def test_homoglyph_text_in_cp1251_is_windows_1251_not_the_latin_reading() -> None:
    data = HOMOGLYPH_CYRILLIC.encode("cp1251")
    ranked = rank_candidates(data)
    assert ranked[0].encoding == "windows-1251"
    names = [candidate.encoding for candidate in ranked]
    assert "windows-1252" in names  # still offered, lower


def test_seed_article_in_cp1251_ranks_windows_1251_first(sample_article: Path) -> None:
    text = sample_article.read_text(encoding="utf-8")
    assert rank_candidates(text.encode("cp1251"))[0].encoding == "windows-1251"


@pytest.mark.parametrize("encoding", ["koi8-r", "iso8859-5", "cp866"])
def test_seed_article_in_other_cyrillic_code_pages(sample_article: Path, encoding: str) -> None:
    text = sample_article.read_text(encoding="utf-8")
    # These code pages lack curly quotes: the article's punctuation is made ASCII first.
    text = text.translate(str.maketrans("\u2018\u2019\u201c\u201d\u2014", "''\"\"-"))
    data = text.encode(encoding)
    assert data.decode(rank_candidates(data)[0].encoding) == text


def test_genuine_latin_text_with_lookalike_accents_stays_latin() -> None:
    # Finnish ä is IBM855 і (an exact look-alike of i) everywhere: a misreading, not an attack.
    text = ("Helsinkiläiset avaavat kotinsa kahden päivän ajaksi taidegallerioiksi, joissa "
            "esitellään nykytaidetta. Taidetta voidaan esitellä missä tahansa kodissa, ja "
            "tapahtuma järjestetään jälleen ensi keväänä.")
    data = text.encode("mac-roman")
    assert data.decode(rank_candidates(data)[0].encoding) == text


def test_gb18030_is_kept_when_gb2312_would_read_a_byte_pair_differently() -> None:
    # GB2312 reads 0xA1A4 as the katakana middle dot ・, GBK and GB18030 as the middle dot · that
    # Chinese names use: chardet's GB18030 reads the text right, and is not narrowed away.
    text = CHINESE + "马克·吐温"
    data = text.encode("gb18030")
    best = rank_candidates(data)[0]
    assert best.encoding in ("GBK", "GB18030")
    assert data.decode(best.encoding) == text


def test_gb2312_is_named_when_it_reads_the_same_text() -> None:
    assert rank_candidates(CHINESE.encode("gb2312"))[0].encoding == "GB2312"


def test_cp932_is_kept_when_shift_jis_would_read_a_byte_pair_differently() -> None:
    text = JAPANESE + "－"  # CP932 0x817C: FULLWIDTH HYPHEN-MINUS; Shift_JIS: MINUS SIGN
    data = text.encode("cp932")
    assert data.decode(rank_candidates(data)[0].encoding) == text


def test_shift_jis_is_named_when_it_reads_the_same_text() -> None:
    assert rank_candidates(JAPANESE.encode("shift_jis"))[0].encoding == "Shift_JIS"


def test_undecodable_candidates_come_last_but_are_offered() -> None:
    data = RUSSIAN.encode("cp1251") + b"\x98"  # 0x98 is undefined in windows-1251
    ranked = rank_candidates(data)
    assert ranked[0].encoding != "windows-1251"
    assert "windows-1251" in [candidate.encoding for candidate in ranked]
    data.decode(ranked[0].encoding)  # the leader decodes strictly


def test_candidates_are_well_formed() -> None:
    ranked = rank_candidates(RUSSIAN.encode("koi8-r"))
    assert ranked and all(isinstance(candidate, Candidate) for candidate in ranked)
    for candidate in ranked:
        codecs.lookup(candidate.encoding)
        assert 0.0 <= candidate.confidence <= 1.0
    confidences = [candidate.confidence for candidate in ranked]
    assert confidences == sorted(confidences, reverse=True)
    assert len({codecs.lookup(c.encoding).name for c in ranked}) == len(ranked)  # no duplicates


def test_familiar_names() -> None:
    assert rank_candidates(RUSSIAN.encode("iso8859-5"))[0].encoding == "ISO-8859-5"
    assert rank_candidates(RUSSIAN.encode("cp866"))[0].encoding == "IBM866"
    assert rank_candidates(RUSSIAN.encode("koi8-r"))[0].encoding == "KOI8-R"


def test_a_large_input_is_ranked_quickly() -> None:
    import time

    data = (HOMOGLYPH_CYRILLIC + "\n").encode("cp1251") * (1_000_000 // len(HOMOGLYPH_CYRILLIC))
    rank_candidates(data)  # warm the per-codec tables
    start = time.perf_counter()
    ranked = rank_candidates(data)
    assert ranked[0].encoding == "windows-1251"
    assert time.perf_counter() - start < 1.0  # typically ~0.1 s; generous for slow CI machines


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
def test_rank_candidates_never_fails_on_arbitrary_bytes(data: bytes) -> None:
    ranked = rank_candidates(data)
    assert ranked
    for candidate in ranked:
        codecs.lookup(candidate.encoding)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_sniff_never_fails_and_names_a_codec(data: bytes) -> None:
    name = sniff_bomless_utf16_32(data)
    if name is not None:
        data.decode(name)


# --------------------------------------------------------------------------------------------------
# BOM-less UTF-16 / UTF-32


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("text", [ENGLISH, RUSSIAN, GREEK, "Date,Bid,Ask\r\n07/19/2015 21:00,1.25,1.26\r\n" * 5])
def test_sniff_recognises_bomless_utf16_32(text: str, encoding: str) -> None:
    assert sniff_bomless_utf16_32(text.encode(encoding)) == encoding


def _png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\0" + bytes(range(48)) for _ in range(16)))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


BINARIES = {
    "png": _png(),
    "zip": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(20) + b"hello.txt" + bytes(range(256)) * 2,
    "elf": b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00\x01\x00\x00\x00" + bytes(40)
    + bytes(range(256)) * 4,
    "zeros": bytes(1024),
    "int32": b"".join(struct.pack("<i", n * 7919) for n in range(300)),
}


@pytest.mark.parametrize("name", sorted(BINARIES))
def test_sniff_ignores_binary_files(name: str) -> None:
    assert sniff_bomless_utf16_32(BINARIES[name]) is None


@pytest.mark.parametrize("data", [
    ENGLISH.encode("ascii"),
    ENGLISH.encode("ascii")[:100] + b"\0" + ENGLISH.encode("ascii")[100:],  # a stray NUL
    RUSSIAN.encode("cp1251"),
    b"", b"ab", b"a\0",
], ids=["ascii", "stray-nul", "cp1251", "empty", "two-bytes", "one-unit"])
def test_sniff_ignores_other_text(data: bytes) -> None:
    assert sniff_bomless_utf16_32(data) is None


def test_sniff_ignores_utf16_looking_bytes_that_decode_to_nonsense() -> None:
    # NULs at every other byte, but the other bytes are controls: not text.
    assert sniff_bomless_utf16_32(bytes([1, 0, 2, 0, 3, 0, 4, 0] * 50)) is None


# --------------------------------------------------------------------------------------------------
# The shared development corpus, when present


def test_right_wherever_chardet_is_right_on_its_test_corpus(shared_dir: Path) -> None:
    import chardet

    corpus = shared_dir / "corpora" / "chardet-tests"
    if not corpus.is_dir():
        pytest.skip("no chardet-tests corpus")
    checked = 0
    for folder, encoding in (("windows-1251-russian", "cp1251"), ("KOI8-R", "koi8-r"),
                             ("iso-8859-7-greek", "iso8859-7"), ("GB2312", "gb2312"),
                             ("SHIFT_JIS", "shift_jis"), ("iso-8859-2-hungarian", "iso8859-2"),
                             ("IBM866", "cp866"), ("windows-1252", "cp1252"), ("iso-8859-1", "latin-1")):
        for path in sorted((corpus / folder).iterdir())[:4]:
            data = path.read_bytes()
            try:
                want = data.decode(encoding)
                data.decode("utf-8")
                continue  # the caller decodes valid UTF-8 itself
            except UnicodeDecodeError:
                pass
            answer = chardet.detect(data, prefer_superset=False)["encoding"]
            if answer is None or data.decode(answer, "replace") != want:
                continue
            checked += 1
            assert data.decode(rank_candidates(data)[0].encoding, "replace") == want, path.name
    assert checked


def test_module_tables_are_built_once() -> None:
    assert detection._lookalikes() is detection._lookalikes()


def test_a_truncated_multibyte_file_keeps_its_encoding() -> None:
    data = (JAPANESE * 3).encode("shift_jis")
    assert rank_candidates(data[:-1])[0].encoding == "Shift_JIS"  # cut inside the last character
