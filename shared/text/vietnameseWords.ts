/**
 * Common Vietnamese words of two and three syllables (từ ghép) in the titles and text of local
 * Party histories: "lịch sử", "đảng bộ", "nhân dân", "ban chấp hành", province names … A title
 * broken between the syllables of one of them ("LỊCH | SỬ", "ĐẢNG | BỘ") reads as two words, so
 * the typesetter joins them in titles and headings.
 *
 * Written for Sử Quán (790 entries): the Vietnamese dictionaries on npm (dictionary-vi, built from
 * hunspell-vi, and @cspell/dict-vi-vn) are spelling lists of single syllables, which say nothing
 * about where a word ends. Add words freely: lower case, syllables separated by one space,
 * entries by a comma or a new line.
 */

import { BoundedCache } from '../boundedCache';
import { normalizeToneNew } from './normalize';

const WORDS = `
an giang, an ninh, an toàn, anh dũng, anh hùng, ba mươi, ban biên soạn, ban bố, ban chấp hành
ban chỉ đạo, ban dân vận, ban hành, ban kiểm tra, ban thường vụ, ban tuyên giáo, ban tổ chức
bao vây, biên giới, biên niên, biên niên sử, biên soạn, biên tập, biểu dương, biểu tình
biện pháp, bà mẹ, bác hồ, bác sĩ, báo chí, bãi công, bãi khóa, bãi thị, bình dương, bình đẳng
bình định, bí mật, bí thư, bóc lột, bùng nổ, bước ngoặt, bạc liêu, bản làng, bảo hiểm, bảo tàng
bảo tồn, bảo vệ, bảo đảm, bảy mươi, bất khuất, bầu cử, bắc bộ, bắc giang, bắc ninh, bắn phá
bắt sống, bắt đầu, bằng khen, bến tre, bệnh binh, bốn mươi, bồi dưỡng, bộ binh, bộ máy
bộ trưởng, bộ đội, bởi vậy, bức rút, cao bằng, cao xạ, chi bộ, chi viện, chi đoàn, chi ủy
chia cấp, chia ruộng, chia tách, chiến công, chiến dịch, chiến khu, chiến lược, chiến sĩ
chiến thắng, chiến tranh, chiến trường, chiến đấu, cho đến, chuyên chính, chuyên môn
chuyển biến, chuyển đổi, chuẩn bị, chín mươi, chính cương, chính phủ, chính quyền, chính sách
chính trị, chính trị viên, chính đảng, chùa chiền, chúng ta, chăn nuôi, chất độc, chỉ huy
chỉ huy trưởng, chỉ thị, chỉ tiêu, chỉ đạo, chỉnh đốn, chỉnh đốn đảng, chịu trách nhiệm
chống thuế, chủ lực, chủ nghĩa, chủ nghĩa mác, chủ nhiệm, chủ quyền, chủ trương, chủ tịch
chủ tịch nước, chủ động, chữ quốc ngữ, chữ thập đỏ, cuối năm, cuộc sống, cà mau, càn quét
cày cấy, cá nhân, các cấp, cách mạng, cán bộ, cây trồng, có công, công an, công cuộc
công nghiệp, công nghiệp hóa, công nghệ, công nhân, công trình, công tác, công tác đảng, công xã
công đoàn, căn cứ, cơ bản, cơ cấu, cơ giới, cơ giới hóa, cơ quan, cơ sở, cơ sở đảng, cương lĩnh
cả nước, cải cách, cải thiện, cải tạo, cấp huyện, cấp tỉnh, cấp xã, cấp ủy, cần cù, cần thiết
cần thơ, cộng hòa, cộng sản, cộng đồng, cờ thi đua, cờ đỏ, của nhân dân, củng cố, cứu nước
cứu quốc, cứu đói, cử nhân, cửu long, cựu chiến binh, da cam, danh hiệu, di chỉ, di sản, di tích
diệt giặc, do đó, doanh nghiệp, du kích, duy trì, dân chủ, dân công, dân cư, dân quân, dân sinh
dân số, dân tộc, dân vận, dịch vụ, dồn dân, dự thảo, dự án, ghi công, ghi nhận, ghi nhớ, gia phả
gia đình, giai cấp, giai đoạn, giao thông, gieo cấy, giành chính quyền, giám đốc, giáo dục
giáo sư, giáo viên, giải pháp, giải phóng, giải quyết, giảm tô, giấy khen, giặc dốt, giặc đói
giữ vững, giữa năm, hai mươi, hiến pháp, hiện nay, hiện đại, hiện đại hóa, hiệp định, hoạt động
huy chương, huyện đội, huyện ủy, huân chương, hy sinh, hà giang, hà nam, hà nội, hà tĩnh
hàng hóa, hàng năm, hành chính, hè thu, hình thành, hình thức, hòa bình, hòa giải, hòa hợp
hôm nay, hưng yên, hướng dẫn, hạ tầng, hạnh phúc, hải dương, hải phòng, hải quân, hậu cần, hậu phương
hằng năm, học sinh, học tập, học viên, hỏa tuyến, hồ chí minh, hồi ký, hồi ức, hội liên hiệp
hội nghị, hội nông dân, hội phụ nữ, hội viên, hội đồng, hợp nhất, hợp tác, hợp tác hóa
hợp tác xã, khai thác, khen thưởng, khi đó, khoa học, khu dân cư, khu phố, khu vực, kháng chiến
khánh hòa, khó khăn, không quân, khẩu hiệu, khỏe mạnh, khởi nghĩa, khủng bố, kinh nghiệm
kinh tế, kiên cường, kiên giang, kiểm tra, kênh mương, ký ức, kẻ thù, kế hoạch, kế thừa, kết hợp
kết luận, kết nạp, kết nạp đảng, kết quả, kể từ, kỷ luật, kỷ niệm, kỹ sư, kỹ thuật, lai châu
lao động, liên hiệp, liên khu, liên kết, liên lạc, liên minh, liên tỉnh, liệt sĩ, long an
luận cương, làm chủ, làng nghề, làng quê, làng xã, lào cai, lá cờ, lâm nghiệp, lâm thời
lãnh thổ, lãnh đạo, lúa gạo, lúc đó, lưu trữ, lương thảo, lương thực, lạng sơn, lễ hội, lịch sử
lực lượng, mai sau, miền bắc, miền nam, miền núi, miền trung, muôn đời, máy bay, mãi mãi
mít tinh, mù chữ, mùa màng, mùa xuân, mười năm, mậu thân, mặc dù, mặt trận, một trăm, mục tiêu
mục đích, nam bộ, nam định, nghiên cứu, nghĩa trang, nghĩa vụ, nghệ an, nghệ sĩ, nghị quyết
nghị định, ngoại giao, ngoại xâm, nguyễn ái quốc, ngành nghề, ngày nay, ngày tháng, ngư dân
ngư nghiệp, người cày, người có công, người dân, ngụy quyền, ngụy quân, nhi đồng, nhiều năm
nhiệm kỳ, nhiệm vụ, nhà báo, nhà máy, nhà nước, nhà thờ, nhà trường, nhà văn, nhà xuất bản
nhân chứng, nhân dân, nhân loại, nhân sự, nhân tố, nhân viên, nhân vật, nhân đạo, những năm
ninh bình, nuôi trồng, nô lệ, nông dân, nông nghiệp, nông thôn, nông thôn mới, năm mươi
năm tháng, năng suất, nạn nhân, nạn đói, nội dung, nửa phong kiến, oanh tạc, phong kiến
phong trào, phong tặng, phong tục, phá ấp, pháo binh, phát huy, phát triển, phát triển đảng
phát xít, phát động, phân công, phòng chống, phòng không, phòng thủ, phó ban, phó bí thư
phó chủ tịch, phóng viên, phú thọ, phú yên, phương châm, phương hướng, phương pháp, phương án
phường xã, phối hợp, phụ lão, phụ nữ, phục hồi, phục kích, phục vụ, quan hệ, quan điểm
quy hoạch, quy định, quyết liệt, quyết tâm, quyết định, quyền làm chủ, quyền lợi, quá trình
quân dân, quân giải phóng, quân khu, quân sự, quân đội, quê hương, quảng bình, quảng nam
quảng ngãi, quảng trị, quần chúng, quốc ca, quốc gia, quốc huy, quốc hội, quốc khánh, quốc kỳ
quốc ngữ, quốc phòng, quốc tế, ruộng đất, ruộng đồng, sao vàng, sau đó, sinh hoạt
sinh hoạt đảng, sinh viên, song song, sài gòn, sách lược, sáng lập, sáng tạo, sáp nhập, sáu mươi
sóc trăng, súng đạn, sơn la, sư đoàn, sưu thuế, sản lượng, sản xuất, sử dụng, sử học, sử liệu, sự kiện
sự nghiệp, sự thật, tham mưu, thanh hóa, thanh niên, thanh tra, thi đua, thiếu nhi, thiếu niên
thu giữ, thu hoạch, thu đông, thuế khóa, thuộc địa, thành công, thành lập, thành phố, thành quả
thành tích, thành viên, thành ủy, thái bình, thái nguyên, tháng tám, thôn bản, thôn xóm
thù địch, thương binh, thương bệnh binh, thương mại, thương nghiệp, thường trực, thường vụ
thạc sĩ, thập kỷ, thập niên, thắng lợi, thế kỷ, thị trường, thị trấn, thị xã, thị ủy, thống kê
thống nhất, thống trị, thời kỳ, thủ công, thủ công nghiệp, thủ tướng, thủ đô, thủy chung
thủy lợi, thủy lợi hóa, thủy sản, thừa thiên, thực dân, thực dân pháp, thực hiện, thực tiễn, tiêu diệt
tiêu dùng, tiến bộ, tiến công, tiến hành, tiến sĩ, tiếp tế, tiếp tục, tiền giang, tiền phương
tiền tuyến, tiểu sử, tiểu thương, tiểu đoàn, tiểu đội, toàn diện, toàn dân, toàn dân tộc
toàn quân, toàn quốc, toàn thắng, toàn đảng, tri ân, trong khi, trong những, trong sạch
trung bộ, trung tâm, trung đoàn, trung đội, trung ương, truy tặng, truyền thống, truyền đơn
trà vinh, trách nhiệm, trình bày, trí thức, trước đó, trường học, trưởng ban, trưởng thôn
trạm y tế, trận đánh, trận địa, trồng trọt, tuy nhiên, tuyên bố, tuyên ngôn, tuyên quang
tuyên truyền, tuần hành, tài chính, tài liệu, tàu chiến, tám mươi, tây nguyên, tây ninh, tên lửa
tình hình, tín ngưỡng, tôn giáo, tăng cường, tư liệu, tư lệnh, tư tưởng, tưởng niệm, tượng đài
tải thương, tập kích, tập quán, tập thể, tập thể hóa, tập trung, tặng thưởng, tết mậu thân
tỉnh đội, tỉnh ủy, tịch thu, tổ chức, tổ chức đảng, tổ dân phố, tổ quốc, tổng khởi nghĩa
tổng kết, tổng liên đoàn, tổng tiến công, tổng tuyển cử, tờ báo, từ đó, từng bước, tự chủ
tự cường, tự do, tự giác, tự lực, tự nguyện, tự quản, tự vệ, việc làm, việt minh, việt nam
vì vậy, vùng cao, văn hiến, văn hóa, văn học, văn kiện, văn minh, văn nghệ, văn nghệ sĩ
vĩnh long, vĩnh phúc, vũ khí, vũ trang, vượt qua, vận chuyển, vận tải, vận động, vật nuôi
vẻ vang, vị trí, vững mạnh, xung phong, xuất bản, xuất bản phẩm, xuất khẩu, xâm lược, xây dựng
xây dựng đảng, xã hội, xã viên, xã đội, xã đội trưởng, xí nghiệp, xóa mù chữ, xóm làng, y sĩ
y tế, yên bái, yêu cầu, yêu nước, áp bức, ý chí, ý nghĩa, điều chỉnh, điều kiện, điều lệ
điều lệ đảng, điều tra, điện biên phủ, điện khí hóa, điện ảnh, đoàn kết, đoàn thanh niên
đoàn thể, đoàn viên, đà nẵng, đài tưởng niệm, đàn áp, đào tạo, đánh bắt, đánh dấu, đánh giá
đáp nghĩa, đê điều, đình làng, đói khổ, đô thị, đô thị hóa, đông dương, đông nam bộ, đông xuân
đơn vị, đường lối, đường sắt, đại biểu, đại học, đại hội, đại thắng, đại đoàn kết, đại đội
đạn dược, đảng bộ, đảng viên, đảng viên mới, đảng đoàn, đảng ủy, đảng ủy viên, đất nước, đất đai
đấu tranh, đầu năm, đầu tiên, đầu tư, đặc biệt, đế quốc, đế quốc mỹ, đề nghị, đề ra, đền thờ, đền ơn
địa bàn, địa chí, địa chủ, địa danh, địa giới, địa phương, địa tô, địch hậu, địch ngụy, đồn binh
đồn bốt, đồng bào, đồng bằng, đồng chí, đồng khởi, đồng nai, đồng tháp, đồng thời, đổi mới
độc lập, đội ngũ, đội viên, đời sống, đời đời, ấn phẩm, ấp chiến lược, ổn định, ủy ban, ủy viên
`;

let words: Set<string> | undefined;
/** Every syllable that begins a word of the list: most syllables of a title begin none. */
let firsts: Set<string> | undefined;
const syllableKeys = new BoundedCache<string>(20000);

/** The form words are compared in: NFC, new-style tone placement ("hoà"), lower case. */
export function wordKey(s: string): string {
  return normalizeToneNew(s.normalize('NFC')).toLocaleLowerCase('vi');
}

/** wordKey of one syllable, remembered: a book's titles use a few hundred syllables. */
function syllableKey(s: string): string {
  return syllableKeys.get(s, wordKey);
}

/**
 * True when the syllables, in order, are one word of the list ("Lịch", "Sử" → true). Case, tone
 * placement and Unicode form do not matter.
 */
export function isVietnameseWord(syllables: readonly string[]): boolean {
  if (!words || !firsts) {
    const list = WORDS.split(/[,\n]/)
      .map((w) => w.trim())
      .filter((w) => w !== '')
      .map(wordKey);
    words = new Set(list);
    firsts = new Set(list.map((w) => w.split(' ')[0]!));
  }
  if (syllables.length === 0 || !firsts.has(syllableKey(syllables[0]!))) return false;
  return words.has(syllables.map(syllableKey).join(' '));
}

/** The longest word of the list, in syllables: callers look no further ahead. */
export const LONGEST_WORD = 3;
