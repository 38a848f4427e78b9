"""one search fold: the PostgreSQL function ``shk_fold(text)``, the SQL twin of ``shk_tui.fmt.fold``
(SQLite gets the Python function itself on connect, ``shk_tui.db.search``), and ``contact.search_text``
folded again now that ø reads as ö and æ as ä.

``shk_fold`` is plain SQL, IMMUTABLE (an index could use it), with every letter it changes spelled
out: PostgreSQL's ``lower()`` depends on the database's locale. A downgrade drops the function; the
search texts stay as they are (the older fold finds what it found before, apart from ø and æ).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-08 09:00:00
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Every character ``shk_tui.fmt.fold`` changes into one other (A-Z, Latin-1, Latin Extended A, B and
#: Additional, Greek, Cyrillic), upper- and lower-case spelled out: PostgreSQL's lower() depends on the
#: locale (under C it leaves Ö alone), translate() does not. Line by line, FROM[i] becomes TO[i].
FROM = (
    "ABCDEFGHIJKLMNOPQRSTUVWXYZµÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔ"
    "ÕÖØÙÚÛÜÝÞàáâãæçèéêëìíîïñòóôõøùúûüýÿĀāĂăĄąĆćĈĉĊċČ"
    "čĎďĐĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦĨĩĪīĬĭĮįĲĴĵĶķĹĺĻļĽľĿŁŃń"
    "ŅņŇňŊŌōŎŏŐőŒŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŨũŪūŬŭŮůŰűŲųŴŵŶŷŸ"
    "ŹźŻżŽžſƁƂƄƆƇƉƊƋƎƏƐƑƓƔƖƗƘƜƝƟƠơƢƤƦƧƩƬƮƯưƱƲƳƵƷƸƼǄǅǇ"
    "ǈǊǋǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǢǣǤǦǧǨǩǪǫǬǭǮǯǱǲǴǵǶǷǸǹǺǻǼǽ"
    "ǾǿȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȜȞȟȠȢȤȦȧȨȩȪȫȬȭȮȯȰȱ"
    "ȲȳȺȻȽȾɁɃɄɅɆɈɊɌɎͰͲʹͶ;Ϳ΅Ά·ΈΉΊΌΎΏΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣ"
    "ΤΥΦΧΨΩΪΫάέήίςϊϋόύώϏϐϑϓϔϕϖϘϚϜϞϠϢϤϦϨϪϬϮϰϱϴϵϷϹϺϽϾϿЀ"
    "ЁЂЃЄЅІЇЈЉЊЋЌЍЎЏАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯй"
    "ѐёѓїќѝўѠѢѤѦѨѪѬѮѰѲѴѶѷѸѺѼѾҀҊҌҎҐҒҔҖҘҚҜҞҠҢҤҦҨҪҬҮҰҲҴҶ"
    "ҸҺҼҾӀӁӂӃӅӇӉӋӍӐӑӒӓӔӖӗӘӚӛӜӝӞӟӠӢӣӤӥӦӧӨӪӫӬӭӮӯӰӱӲӳӴӵӶ"
    "ӸӹӺӼӾԀԂԄԆԈԊԌԎԐԒԔԖԘԚԜԞԠԢԤԦԨԪԬԮḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒ"
    "ḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂ"
    "ṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲ"
    "ṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẛẠạẢảẤấẦầẨẩẪẫ"
    "ẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớ"
    "ỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹỺỼỾ"
)
TO = (
    "abcdefghijklmnopqrstuvwxyzμaaaaäåäceeeeiiiiðnooo"
    "oööuuuuyþaaaaäceeeeiiiinooooöuuuuyyaaaaaaccccccc"
    "cddđeeeeeeeeeegggggggghhħiiiiiiiiĳjjkkllllllŀłnn"
    "nnnnŋooooooœrrrrrrssssssssttttŧuuuuuuuuuuuuwwyyy"
    "zzzzzzsɓƃƅɔƈɖɗƌǝəɛƒɠɣɩɨƙɯɲɵooƣƥʀƨʃƭʈuuʊʋƴƶʒƹƽǆǆǉ"
    "ǉǌǌaaiioouuuuuuuuuuääaaääǥggkkooooʒʒǳǳggƕƿnnååää"
    "ööaaaaeeeeiiiioooorrrruuuussttȝhhƞȣȥaaeeööoooooo"
    "yyⱥȼƚⱦɂƀʉʌɇɉɋɍɏͱͳʹͷ;ϳ¨α·εηιουωαβγδεζηθικλμνξοπρσ"
    "τυφχψωιυαεηισιυουωϗβθϒϒφπϙϛϝϟϡϣϥϧϩϫϭϯκρθεϸϲϻͻͼͽе"
    "еђгєѕііјљњћкиуџабвгдежзииклмнопрстуфхцчшщъыьэюяи"
    "еегікиуѡѣѥѧѩѫѭѯѱѳѵѵѵѹѻѽѿҁҋҍҏґғҕҗҙқҝҟҡңҥҧҩҫҭүұҳҵҷ"
    "ҹһҽҿӏжжӄӆӈӊӌӎааааӕееәәәжжззӡииииооөөөээууууууччӷ"
    "ыыӻӽӿԁԃԅԇԉԋԍԏԑԓԕԗԙԛԝԟԡԣԥԧԩԫԭԯaabbbbbbccddddddddd"
    "deeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmm"
    "mnnnnnnnnooööoooopppprrrrrrrrssssssssssttttttttu"
    "uuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzsaaaaaaaaaaaa"
    "aaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooo"
    "oooooooouuuuuuuuuuuuuuyyyyyyyyỻỽỿ"
)
#: Characters that fold into more than one (ß → ss), replaced before the translation.
SEVERAL = (
    ("ß", "ss"),  # U+00DF latin small letter sharp s
    ("İ", "i\u0307"),  # U+0130 latin capital letter i with dot above
    ("ŉ", "ʼn"),  # U+0149 latin small letter n preceded by apostrophe
    ("ǰ", "j\u030c"),  # U+01F0 latin small letter j with caron
    ("ΐ", "ι\u0308\u0301"),  # U+0390 greek small letter iota with dialytika and tonos
    ("ΰ", "υ\u0308\u0301"),  # U+03B0 greek small letter upsilon with dialytika and tonos
    ("ẖ", "h\u0331"),  # U+1E96 latin small letter h with line below
    ("ẗ", "t\u0308"),  # U+1E97 latin small letter t with diaeresis
    ("ẘ", "w\u030a"),  # U+1E98 latin small letter w with ring above
    ("ẙ", "y\u030a"),  # U+1E99 latin small letter y with ring above
    ("ẚ", "aʾ"),  # U+1E9A latin small letter a with right half ring
    ("ẞ", "ss"),  # U+1E9E latin capital letter sharp s
)

def function_sql() -> str:
    """``CREATE FUNCTION shk_fold``: the replacements, then one translate()."""
    expr = "$1"
    for letter, folded in SEVERAL:
        expr = f"replace({expr}, '{letter}', '{folded}')"
    return ("CREATE OR REPLACE FUNCTION shk_fold(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE "
            f"AS $fold$ SELECT translate({expr}, '{''.join(FROM)}', '{''.join(TO)}') $fold$")


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(function_sql())
    from shk_tui.db import contact_search

    contact_search.refill(conn)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("DROP FUNCTION IF EXISTS shk_fold(text)")
