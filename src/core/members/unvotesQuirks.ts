/**
 * Votes in the unvotes research data (`../shared/data/unvotes`) cast by a member on a roll call dated
 * before that member's admission. Each one was checked: the member data is right (admission dates from
 * the UN's list of Member States) and the roll-call date is wrong. The source's dates are approximate:
 * until the mid-1990s every roll call's day of the month is between 1 and 7, so votes cast days or weeks
 * after an admission in the same session often carry an earlier date. Examples that prove it: rcid 461
 * "ADMISSION MOROCCO" is dated 1956-11-06, though the Assembly admitted Sudan, Morocco and Tunisia on
 * 12 November 1956 (Sudan, admitted first, votes on it); rcid 735 "ADMISSION MAURITANIA" is dated
 * 1961-10-06, though Mauritania was admitted on 27 October 1961; rcid 4372 (R/57/5) is dated 2002-09-03,
 * before the 57th session opened on 10 September 2002, the day Switzerland was admitted.
 *
 * The member-data test lists every vote outside its voter's membership and requires that list to equal
 * this one exactly, both ways: a new offender means the member data is wrong (fix it), a stale entry
 * means the data changed. One entry per member and session; `rcids` are the roll calls concerned.
 */
export interface UnvotesDatingQuirk {
  /** Member id. */
  member: string;
  session: number;
  rcids: readonly number[];
  reason: string;
}

export const UNVOTES_DATING_QUIRKS: readonly UnvotesDatingQuirk[] = [
  {
    member: "ISR",
    session: 3,
    rcids: [
      150, 151, 152, 153, 154, 155, 157, 158, 159, 160, 161, 162, 163, 164, 165, 166, 167, 168, 169, 170, 171,
      172, 173, 174,
    ],
    reason: "admitted 1949-05-11; its votes are on roll calls the source dates 1949-05-02 to 1949-05-07",
  },
  {
    member: "ESP",
    session: 10,
    rcids: [455, 456, 457, 458, 459],
    reason: "admitted 1955-12-14; its votes are on roll calls the source dates 1955-12-02",
  },
  {
    member: "HUN",
    session: 10,
    rcids: [454, 455, 456, 457, 458, 459],
    reason: "admitted 1955-12-14; its votes are on roll calls the source dates 1955-12-02",
  },
  {
    member: "JOR",
    session: 10,
    rcids: [454, 455, 456, 457, 458, 459],
    reason: "admitted 1955-12-14; its votes are on roll calls the source dates 1955-12-02",
  },
  {
    member: "LKA",
    session: 10,
    rcids: [454, 455, 456, 458, 459],
    reason: "admitted 1955-12-14; its votes are on roll calls the source dates 1955-12-02",
  },
  {
    member: "ROU",
    session: 10,
    rcids: [455, 456, 457, 458, 459],
    reason: "admitted 1955-12-14; its votes are on roll calls the source dates 1955-12-02",
  },
  {
    member: "MAR",
    session: 11,
    rcids: [
      462, 463, 464, 465, 466, 467, 468, 469, 470, 471, 472, 473, 474, 475, 476, 477, 478, 479, 480, 481, 482,
    ],
    reason: "admitted 1956-11-12; its votes are on roll calls the source dates 1956-11-01 to 1956-11-07",
  },
  {
    member: "SDN",
    session: 11,
    rcids: [
      461, 462, 463, 464, 465, 466, 467, 468, 469, 470, 471, 472, 473, 474, 475, 476, 477, 478, 479, 480, 481,
      482,
    ],
    reason: "admitted 1956-11-12; its votes are on roll calls the source dates 1956-11-01 to 1956-11-07",
  },
  {
    member: "TUN",
    session: 11,
    rcids: [
      463, 464, 465, 466, 467, 468, 469, 470, 471, 472, 473, 474, 475, 476, 477, 478, 479, 480, 481, 482,
    ],
    reason: "admitted 1956-11-12; its votes are on roll calls the source dates 1956-11-01 to 1956-11-07",
  },
  {
    member: "MYS",
    session: 12,
    rcids: [506, 507, 508, 509, 510, 511, 512],
    reason: "admitted 1957-09-17; its votes are on roll calls the source dates 1957-09-03 to 1957-09-06",
  },
  {
    member: "GIN",
    session: 13,
    rcids: [567, 568, 569, 570],
    reason: "admitted 1958-12-12; its votes are on roll calls the source dates 1958-12-01",
  },
  {
    member: "NGA",
    session: 15,
    rcids: [631, 632, 633, 634, 635, 636, 637, 638, 639, 640, 641, 642],
    reason: "admitted 1960-10-07; its votes are on roll calls the source dates 1960-10-01 to 1960-10-06",
  },
  {
    member: "MNG",
    session: 16,
    rcids: [735, 736],
    reason: "admitted 1961-10-27; its votes are on roll calls the source dates 1961-10-06",
  },
  {
    member: "MRT",
    session: 16,
    rcids: [736],
    reason: "admitted 1961-10-27; its votes are on roll calls the source dates 1961-10-06",
  },
  {
    member: "SYR",
    session: 16,
    rcids: [733, 734, 735, 736],
    reason:
      "resumed its seat 1961-10-13; its votes are on roll calls the source dates 1961-10-02 to 1961-10-06",
  },
  {
    member: "TZA",
    session: 16,
    rcids: [756, 757, 758, 759, 760, 762, 763, 764, 765, 772],
    reason: "admitted 1961-12-14; its votes are on roll calls the source dates 1961-12-01 to 1961-12-04",
  },
  {
    member: "BDI",
    session: 17,
    rcids: [805],
    reason: "admitted 1962-09-18; its votes are on roll calls the source dates 1962-09-05",
  },
  {
    member: "DZA",
    session: 17,
    rcids: [807, 808, 809],
    reason: "admitted 1962-10-08; its votes are on roll calls the source dates 1962-10-04 to 1962-10-07",
  },
  {
    member: "JAM",
    session: 17,
    rcids: [805],
    reason: "admitted 1962-09-18; its votes are on roll calls the source dates 1962-09-05",
  },
  {
    member: "RWA",
    session: 17,
    rcids: [805],
    reason: "admitted 1962-09-18; its votes are on roll calls the source dates 1962-09-05",
  },
  {
    member: "UGA",
    session: 17,
    rcids: [808],
    reason: "admitted 1962-10-25; its votes are on roll calls the source dates 1962-10-04",
  },
  {
    member: "KEN",
    session: 18,
    rcids: [873, 877, 878],
    reason: "admitted 1963-12-16; its votes are on roll calls the source dates 1963-12-03",
  },
  {
    member: "ZAN",
    session: 18,
    rcids: [874, 875],
    reason: "admitted 1963-12-16; its votes are on roll calls the source dates 1963-12-03",
  },
  {
    member: "BRB",
    session: 21,
    rcids: [936, 937],
    reason: "admitted 1966-12-09; its votes are on roll calls the source dates 1966-12-07",
  },
  {
    member: "GUY",
    session: 21,
    rcids: [921],
    reason: "admitted 1966-09-20; its votes are on roll calls the source dates 1966-09-04",
  },
  {
    member: "YMD",
    session: 22,
    rcids: [998, 1002, 1003, 1004, 1005, 1006, 1007, 1009, 1010, 1011, 1012],
    reason: "admitted 1967-12-14; its votes are on roll calls the source dates 1967-12-01 to 1967-12-07",
  },
  {
    member: "GNQ",
    session: 23,
    rcids: [1018, 1019, 1020, 1021],
    reason: "admitted 1968-11-12; its votes are on roll calls the source dates 1968-11-01",
  },
  {
    member: "FJI",
    session: 25,
    rcids: [1110, 1111, 1112],
    reason: "admitted 1970-10-13; its votes are on roll calls the source dates 1970-09-01 to 1970-10-06",
  },
  {
    member: "ARE",
    session: 26,
    rcids: [
      1231, 1232, 1233, 1234, 1235, 1236, 1237, 1238, 1239, 1240, 1263, 1264, 1265, 1266, 1267, 1268, 1269,
      1271, 1272, 1273, 1274, 1275, 1276, 1277, 1278, 1279, 1280, 1281, 1282, 1283, 1284, 1285, 1286, 1288,
      1289, 1290, 1291, 1292, 1293, 1294, 1297, 1298, 1299, 1300, 1301, 1302,
    ],
    reason: "admitted 1971-12-09; its votes are on roll calls the source dates 1971-12-03 to 1971-12-07",
  },
  {
    member: "BHR",
    session: 26,
    rcids: [1178, 1179, 1180, 1181],
    reason: "admitted 1971-09-21; its votes are on roll calls the source dates 1971-09-02 to 1971-09-06",
  },
  {
    member: "BTN",
    session: 26,
    rcids: [1177, 1178, 1179],
    reason: "admitted 1971-09-21; its votes are on roll calls the source dates 1971-09-02 to 1971-09-06",
  },
  {
    member: "QAT",
    session: 26,
    rcids: [1179, 1180],
    reason: "admitted 1971-09-21; its votes are on roll calls the source dates 1971-09-02",
  },
  {
    member: "BGD",
    session: 29,
    rcids: [1532, 1533],
    reason: "admitted 1974-09-17; its votes are on roll calls the source dates 1974-09-02",
  },
  {
    member: "GNB",
    session: 29,
    rcids: [1532, 1533],
    reason: "admitted 1974-09-17; its votes are on roll calls the source dates 1974-09-02",
  },
  {
    member: "GRD",
    session: 29,
    rcids: [1532, 1533],
    reason: "admitted 1974-09-17; its votes are on roll calls the source dates 1974-09-02",
  },
  {
    member: "COM",
    session: 30,
    rcids: [1584, 1588, 1589, 1590, 1608, 1609, 1610, 1642],
    reason: "admitted 1975-11-12; its votes are on roll calls the source dates 1975-11-02 to 1975-11-06",
  },
  {
    member: "ATG",
    session: 36,
    rcids: [2202, 2203, 2301, 2302, 2303, 2304, 2305],
    reason: "admitted 1981-11-11; its votes are on roll calls the source dates 1981-11-03 to 1981-11-04",
  },
  {
    member: "VUT",
    session: 36,
    rcids: [2197],
    reason: "admitted 1981-09-15; its votes are on roll calls the source dates 1981-09-01",
  },
  {
    member: "BRN",
    session: 39,
    rcids: [2640],
    reason: "admitted 1984-09-21; its votes are on roll calls the source dates 1984-09-05",
  },
  {
    member: "CHE",
    session: 57,
    rcids: [4372],
    reason: "admitted 2002-09-10; its votes are on roll calls the source dates 2002-09-03",
  },
];
