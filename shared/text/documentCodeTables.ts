/**
 * Abbreviation tables for document numbers and symbols (số và ký hiệu), kept as data so that a
 * project can add the codes its province coined (`mergeTables`).
 *
 * Sources: Party documents — Quy định 66-QĐ/TW (2017) and Hướng dẫn 36-HD/VPTW (2018) on Party
 * document types and layout; State documents — Nghị định 30/2020/NĐ-CP, Appendix III. Entries
 * marked (?) are common usage not confirmed from a primary source.
 */

/** The tables `parseDocumentCode` reads. Keys are codes as they are properly written. */
export interface DocumentCodeTables {
  /** Party document types: "NQ" → "Nghị quyết". */
  partyTypes: Readonly<Record<string, string>>;
  /** Party issuing bodies: "TW" → "Ban Chấp hành Trung ương". */
  partyIssuers: Readonly<Record<string, string>>;
  /** State document types: "NĐ" → "Nghị định". */
  stateTypes: Readonly<Record<string, string>>;
  /** State issuing bodies and units: "UBND" → "Ủy ban nhân dân". */
  stateIssuers: Readonly<Record<string, string>>;
  /** Variant spellings read as another code: "TƯ" (older typescripts) → "TW". */
  aliases: Readonly<Record<string, string>>;
}

export const defaultTables: DocumentCodeTables = {
  partyTypes: {
    'ĐL': 'Điều lệ',
    'CL': 'Cương lĩnh', // (?)
    'NQ': 'Nghị quyết',
    'QĐ': 'Quyết định',
    'QĐi': 'Quy định',
    'CT': 'Chỉ thị',
    'KL': 'Kết luận',
    'QC': 'Quy chế',
    'TT': 'Thông tri',
    'HD': 'Hướng dẫn',
    'TB': 'Thông báo',
    'TC': 'Thông cáo',
    'BC': 'Báo cáo',
    'KH': 'Kế hoạch',
    'QHo': 'Quy hoạch',
    'CTr': 'Chương trình',
    'ĐA': 'Đề án',
    'DA': 'Dự án',
    'PA': 'Phương án',
    'TTr': 'Tờ trình',
    'CV': 'Công văn',
    'BB': 'Biên bản',
    'BS': 'Bản sao', // (?)
    'GGT': 'Giấy giới thiệu',
    'GCN': 'Giấy chứng nhận',
    'GUQ': 'Giấy ủy quyền',
    'GNP': 'Giấy nghỉ phép',
    'GM': 'Giấy mời',
    'LKG': 'Lời kêu gọi', // (?)
    'ĐT': 'Điện', // (?) older telegrams
  },
  partyIssuers: {
    'TW': 'Ban Chấp hành Trung ương',
    'VPTW': 'Văn phòng Trung ương Đảng',
    'BTCTW': 'Ban Tổ chức Trung ương',
    'BTGTW': 'Ban Tuyên giáo Trung ương',
    'BTGDVTW': 'Ban Tuyên giáo và Dân vận Trung ương',
    'BDVTW': 'Ban Dân vận Trung ương',
    'BKTTW': 'Ban Kinh tế Trung ương',
    'BNCTW': 'Ban Nội chính Trung ương',
    'BĐNTW': 'Ban Đối ngoại Trung ương',
    'UBKTTW': 'Ủy ban Kiểm tra Trung ương',
    'ĐUQSTW': 'Quân ủy Trung ương',
    'QUTW': 'Quân ủy Trung ương',
    'ĐUCA': 'Đảng ủy Công an Trung ương',
    'ĐUCATW': 'Đảng ủy Công an Trung ương',
    'TU': 'Tỉnh ủy', // also the Thành ủy of a centrally run city
    'VPTU': 'Văn phòng Tỉnh ủy',
    'BTCTU': 'Ban Tổ chức Tỉnh ủy',
    'BTGTU': 'Ban Tuyên giáo Tỉnh ủy',
    'BTGDVTU': 'Ban Tuyên giáo và Dân vận Tỉnh ủy',
    'BDVTU': 'Ban Dân vận Tỉnh ủy',
    'BNCTU': 'Ban Nội chính Tỉnh ủy',
    'UBKTTU': 'Ủy ban Kiểm tra Tỉnh ủy',
    'HU': 'Huyện ủy',
    'VPHU': 'Văn phòng Huyện ủy',
    'BTCHU': 'Ban Tổ chức Huyện ủy',
    'BTGHU': 'Ban Tuyên giáo Huyện ủy',
    'BDVHU': 'Ban Dân vận Huyện ủy',
    'UBKTHU': 'Ủy ban Kiểm tra Huyện ủy',
    'QU': 'Quận ủy',
    'TXU': 'Thị ủy', // (?)
    'ĐU': 'Đảng ủy',
    'UBKTĐU': 'Ủy ban Kiểm tra Đảng ủy',
    'CB': 'Chi bộ',
    'BCS': 'Ban cán sự đảng',
    'ĐĐ': 'Đảng đoàn',
    'VP': 'Văn phòng',
  },
  stateTypes: {
    'NQ': 'Nghị quyết',
    'NQLT': 'Nghị quyết liên tịch',
    'NĐ': 'Nghị định',
    'QĐ': 'Quyết định',
    'CT': 'Chỉ thị',
    'TT': 'Thông tư',
    'TTLT': 'Thông tư liên tịch',
    'PL': 'Pháp lệnh',
    'L': 'Lệnh',
    'QC': 'Quy chế',
    'QyĐ': 'Quy định',
    'TC': 'Thông cáo',
    'TB': 'Thông báo',
    'HD': 'Hướng dẫn',
    'CTr': 'Chương trình',
    'KH': 'Kế hoạch',
    'PA': 'Phương án',
    'ĐA': 'Đề án',
    'DA': 'Dự án',
    'BC': 'Báo cáo',
    'BB': 'Biên bản',
    'TTr': 'Tờ trình',
    'HĐ': 'Hợp đồng',
    'CĐ': 'Công điện',
    'BGN': 'Bản ghi nhớ',
    'BTT': 'Bản thỏa thuận',
    'GUQ': 'Giấy ủy quyền',
    'GM': 'Giấy mời',
    'GGT': 'Giấy giới thiệu',
    'GNP': 'Giấy nghỉ phép',
    'PG': 'Phiếu gửi',
    'PC': 'Phiếu chuyển',
    'PB': 'Phiếu báo',
    'SL': 'Sắc lệnh', // 1945–1959
    'LCT': 'Lệnh Chủ tịch nước', // (?)
  },
  stateIssuers: {
    'CP': 'Chính phủ',
    'TTg': 'Thủ tướng Chính phủ',
    'VPCP': 'Văn phòng Chính phủ',
    'QH': 'Quốc hội',
    'UBTVQH': 'Ủy ban Thường vụ Quốc hội',
    'CTN': 'Chủ tịch nước',
    'UBND': 'Ủy ban nhân dân',
    'HĐND': 'Hội đồng nhân dân',
    'UBHC': 'Ủy ban hành chính', // 1946–1975
    'UBKCHC': 'Ủy ban kháng chiến hành chính', // 1948–1954
    'BNV': 'Bộ Nội vụ',
    'BTC': 'Bộ Tài chính',
    'BQP': 'Bộ Quốc phòng',
    'BCA': 'Bộ Công an',
    'BGDĐT': 'Bộ Giáo dục và Đào tạo',
    'BVHTTDL': 'Bộ Văn hóa, Thể thao và Du lịch',
    'BTTTT': 'Bộ Thông tin và Truyền thông',
    'BLĐTBXH': 'Bộ Lao động – Thương binh và Xã hội',
    'BNNPTNT': 'Bộ Nông nghiệp và Phát triển nông thôn',
    'BYT': 'Bộ Y tế',
    'BTP': 'Bộ Tư pháp',
    'TANDTC': 'Tòa án nhân dân tối cao',
    'VKSNDTC': 'Viện kiểm sát nhân dân tối cao',
    'SNV': 'Sở Nội vụ',
    'SGDĐT': 'Sở Giáo dục và Đào tạo',
    'STC': 'Sở Tài chính',
    'SVHTTDL': 'Sở Văn hóa, Thể thao và Du lịch',
    'VP': 'Văn phòng',
    'TCCB': 'Tổ chức cán bộ',
    'TH': 'Tổng hợp',
    'KT': 'Kinh tế',
    'NC': 'Nội chính',
  },
  aliases: {
    'TƯ': 'TW',
    'TTG': 'TTg',
  },
};

/** Additions a user or project makes; each table is optional. */
export type DocumentCodeTableAdditions = { [K in keyof DocumentCodeTables]?: Readonly<Record<string, string>> };

/**
 * Tables with the user's additions laid over the defaults: a user entry with the same code
 * replaces the default name. Neither argument is changed.
 */
export function mergeTables(defaults: DocumentCodeTables, userAdditions: DocumentCodeTableAdditions): DocumentCodeTables {
  return {
    partyTypes: { ...defaults.partyTypes, ...userAdditions.partyTypes },
    partyIssuers: { ...defaults.partyIssuers, ...userAdditions.partyIssuers },
    stateTypes: { ...defaults.stateTypes, ...userAdditions.stateTypes },
    stateIssuers: { ...defaults.stateIssuers, ...userAdditions.stateIssuers },
    aliases: { ...defaults.aliases, ...userAdditions.aliases },
  };
}
