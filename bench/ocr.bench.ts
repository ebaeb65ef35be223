/**
 * OCR benchmark: a set of Vietnamese A4 pages generated here (tests/fixtures/scans.ts: serif and
 * typewriter text rendered at 300 dpi, then aged and scanned: skew ±3°, sensor noise, blur,
 * yellowed paper, stencil (rônêô) ink, a page turned 90°, black scanner borders, and all of them
 * at once), each read by
 *   - Sử Quán's real path: recognizeImage = prepareForOcr (orientation, deskew, binarisation,
 *     borders) + OcrEngine (tesseract.js, vie 4.0.0_best_int), one page at a time for the time per
 *     page, then with the pool kept busy (workers + 1 pages in flight, as OcrJob does) for pages
 *     per second with the app's default worker count and with 2 workers;
 *   - the `tesseract` command-line program on the original image (Debian's tesseract-ocr-vie,
 *     `--psm 3`, OMP_THREAD_LIMIT=1, two processes at a time on this 2-core machine);
 *   - the same program with tesseract.js's settings (the shipped best_int model, LSTM, 300 dpi) on
 *     the original image and on the image Sử Quán prepared: what the model changes, what the
 *     preparation changes, and what WebAssembly costs against native code.
 * Scores: character error rate against the text rendered (whitespace runs count as one space),
 * exact (NFC) and with diacritics folded away (NFD, marks removed, đ→d, lower case); per page,
 * for clean and degraded pages, and against the targets of the OCR issue (CER ≤ 2 % clean,
 * ≤ 6 % degraded, ≥ 0.5 pages/s).
 *
 * Timings need an idle machine: the share of the cores something else used meanwhile is measured
 * (`otherLoad`, from /proc/stat) and `summary.timingsReliable` says whether any timing was disturbed.
 *
 * Prints one JSON object on stdout; progress on stderr. Takes about 2–3 minutes on an idle 2-core
 * machine (generating the pages ≈ 20 s, Sử Quán ≈ 70 s, the CLI ≈ 40 s).
 *   OCR_BENCH_KEEP=/some/dir   keeps the generated scans, prepared images and every text read.
 *   OCR_BENCH_PAGES=clean,stencil   only the pages whose id contains one of these words.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import sharp from 'sharp';
import { defaultWorkerCount, languageData, OcrEngine } from '../electron/core/ocr/ocrEngine';
import { recognizeImage } from '../electron/core/ocr/recognizePage';
import { characterErrorRate, makeScan, type ScanOptions } from '../tests/fixtures/scans';

const TARGETS = { cleanCer: 0.02, degradedCer: 0.06, pagesPerSecond: 0.5 };
const DEBIAN_TESSDATA = '/usr/share/tesseract-ocr/5/tessdata';
const log = (s: string): void => void process.stderr.write(`${s}\n`);

// ---- the page set ------------------------------------------------------------------------------

interface PageSpec {
  id: string;
  /** What was done to the page; 'none' for the clean pages. */
  degradation: string;
  scan: ScanOptions;
  text: string;
}

/* Ten documents of the kind a district's Party archive holds, 1940s–1990s, one per page. */
const NGHI_QUYET_1961 = `TỈNH ỦY HÀ TĨNH
Số 05-NQ/TU
NGHỊ QUYẾT
Về nhiệm vụ sản xuất nông nghiệp và củng cố hợp tác xã năm 1961
Ngày 14 tháng 1 năm 1961, Hội nghị Ban Chấp hành Đảng bộ tỉnh họp phiên mở rộng, có các đồng chí Bí thư huyện ủy, thị ủy và cán bộ chủ chốt các ngành tham dự. Hội nghị đã nghe báo cáo tổng kết việc thực hiện kế hoạch Nhà nước năm 1960, thảo luận và nhất trí quyết nghị những vấn đề sau đây.
I. TÌNH HÌNH NĂM 1960
Mặc dù thời tiết diễn biến phức tạp, nắng hạn kéo dài trong vụ chiêm và bão lụt liên tiếp trong vụ mùa, nhưng dưới sự lãnh đạo của các cấp ủy Đảng, nhân dân trong tỉnh đã ra sức khắc phục khó khăn, đạt tổng sản lượng lương thực 218.640 tấn, tăng 6,8% so với năm 1959. Phong trào hợp tác hóa nông nghiệp phát triển mạnh: toàn tỉnh có 1.146 hợp tác xã, thu hút 86,2% số hộ nông dân, trong đó 213 hợp tác xã bậc cao.
Công tác thủy lợi có nhiều tiến bộ. Các huyện đã huy động trên 1,2 triệu ngày công, đào đắp 3,4 triệu mét khối đất, làm mới và tu sửa 84 công trình lớn nhỏ, bảo đảm tưới cho 42.000 héc-ta lúa.
Tuy nhiên, việc quản lý hợp tác xã còn nhiều thiếu sót. Ở nhiều nơi chế độ khoán việc, chấm công chưa chặt chẽ, tài chính không công khai; một số cán bộ còn tác phong quan liêu, mệnh lệnh, chưa thật sự dựa vào quần chúng.
II. NHIỆM VỤ NĂM 1961
1. Đẩy mạnh sản xuất lương thực, phấn đấu đạt 240.000 tấn; chú trọng thâm canh, tăng vụ, mở rộng diện tích hoa màu và cây công nghiệp.
2. Củng cố hợp tác xã về mọi mặt, trước hết là quản lý lao động, quản lý tài vụ và phân phối; đưa thêm 120 hợp tác xã lên bậc cao.
3. Tiếp tục làm thủy lợi, cải tiến công cụ, phát triển chăn nuôi lợn và trâu bò cày kéo.
4. Nâng cao chất lượng đảng viên, kiện toàn chi bộ nông thôn, bồi dưỡng cán bộ chủ chốt hợp tác xã.
5. Đẩy mạnh phong trào thi đua học tập hợp tác xã Đại Phong (Quảng Bình); mỗi huyện chọn từ 2 đến 3 hợp tác xã làm điểm, rút kinh nghiệm để nhân ra diện rộng.
Các huyện ủy, đảng ủy trực thuộc căn cứ Nghị quyết này xây dựng chương trình hành động cụ thể, báo cáo Thường vụ Tỉnh ủy trước ngày 28 tháng 2 năm 1961. Ban Tuyên huấn Tỉnh ủy có trách nhiệm phổ biến Nghị quyết đến toàn thể đảng viên.
Hội nghị kêu gọi toàn thể cán bộ, đảng viên và nhân dân trong tỉnh phát huy truyền thống cách mạng, thi đua hoàn thành thắng lợi kế hoạch năm 1961, góp phần xây dựng chủ nghĩa xã hội ở miền Bắc và đấu tranh thống nhất nước nhà.
T/M BAN CHẤP HÀNH ĐẢNG BỘ TỈNH
BÍ THƯ`;

const BAO_CAO_1958 = `ĐẢNG LAO ĐỘNG VIỆT NAM
ĐẢNG BỘ HUYỆN THANH CHƯƠNG
Số 18-BC/HU
BÁO CÁO
Kết quả phong trào bình dân học vụ năm 1958
Thi hành Chỉ thị số 37-CT/TW của Ban Bí thư, trong năm 1958 Huyện ủy đã chỉ đạo các chi bộ mở lớp bình dân học vụ ở khắp các thôn xóm. Toàn huyện có 412 lớp với 9.875 học viên; 7.342 người đã thanh toán nạn mù chữ, đạt 92,6% kế hoạch.
Các xã Thanh Liên, Thanh Tiên và Thanh Hưng làm tốt nhất, có nhiều lớp học ban đêm cho xã viên sau giờ lao động. Nhiều đảng viên trẻ tình nguyện làm giáo viên không lấy thù lao; chị Trần Thị Lựu, xã Thanh Hưng, một mình dạy ba lớp.
Phong trào bổ túc văn hóa cho cán bộ cũng có kết quả: 186 cán bộ xã và hợp tác xã đã học xong lớp 2, trong đó 41 đồng chí lên lớp 3. Các xã đã tổ chức thi kiểm tra vào tháng 11, có cán bộ của Ty Giáo dục về dự.
Nhờ biết chữ, nhiều xã viên đã tự đọc được báo Nhân Dân, báo Nghệ An, ghi được sổ công điểm của tổ đội; các lớp học trở thành nơi phổ biến chủ trương, chính sách và kinh nghiệm sản xuất, góp phần đưa phong trào đổi công, hợp tác xã lên một bước.
Khó khăn chủ yếu là thiếu giấy, bút và dầu thắp; một số nơi học viên bỏ học vào mùa gặt. Huyện ủy đề nghị Tỉnh ủy cấp thêm 300 cân giấy và 2.000 cuốn sách vỡ lòng cho quý I năm 1959.
Nhiệm vụ năm 1959: thanh toán xong nạn mù chữ cho người từ 12 đến 50 tuổi ở 14 xã còn lại; mỗi chi bộ phân công một đồng chí chi ủy viên phụ trách bình dân học vụ.
Ngày 20 tháng 12 năm 1958
T/M HUYỆN ỦY
Phó Bí thư
Nguyễn Đình Thục`;

const CHI_THI_1965 = `HUYỆN ỦY QUỲNH LƯU
Số 12-CT/HU
CHỈ THỊ
Về việc vừa sản xuất vừa chiến đấu, bảo vệ tính mạng và tài sản của nhân dân
Từ đầu tháng 2 năm 1965, đế quốc Mỹ dùng không quân đánh phá miền Bắc, nhiều lần bắn phá cầu Giát, ga Cầu Giát và các xóm ven biển của huyện ta. Trong hai ngày 7 và 8 tháng 2, máy bay địch đã bắn phá 4 lần, làm chết 3 người, bị thương 11 người, cháy 17 nóc nhà; quân và dân trong huyện đã anh dũng chiến đấu, cùng bộ đội phòng không bắn rơi 2 máy bay phản lực. Để giữ vững sản xuất và đời sống trong tình hình mới, Ban Thường vụ Huyện ủy chỉ thị cho các cấp ủy, chi bộ và các ngành thực hiện tốt mấy việc sau đây.
1. Mỗi xã, hợp tác xã phải có kế hoạch phòng không nhân dân cụ thể: đào đủ hầm hố cá nhân dọc đường đi, ở nơi làm việc và trong mỗi gia đình; tổ chức canh gác, báo động kịp thời; sơ tán người già, trẻ em khỏi các trọng điểm.
2. Không để việc đánh phá làm đình trệ sản xuất. Các hợp tác xã bố trí lại giờ lao động, làm sớm, nghỉ trưa ở nơi có hầm trú ẩn; bảo đảm gieo cấy hết diện tích vụ chiêm xuân, phấn đấu năng suất bình quân 22 tạ một héc-ta.
3. Củng cố và huấn luyện dân quân tự vệ, mỗi xã có ít nhất một trung đội trực chiến, sẵn sàng bắn máy bay địch bay thấp và bắt giặc lái nhảy dù.
4. Các chi bộ tổ chức cho đảng viên học tập Lời kêu gọi của Hồ Chủ tịch, đề cao cảnh giác, giữ gìn bí mật, chống tư tưởng chủ quan và tư tưởng hoang mang sợ hãi.
5. Các ngành giao thông vận tải, bưu điện, thương nghiệp phải có phương án sơ tán kho tàng, bảo đảm hàng thiết yếu như muối, dầu hỏa, vải, thuốc chữa bệnh đến tận tay người dân; không để kẻ xấu lợi dụng tích trữ, nâng giá.
6. Ngành y tế tổ chức đội cấp cứu lưu động ở mỗi cụm xã, huấn luyện cho mỗi hợp tác xã từ 5 đến 7 y tá cứu thương; trạm xá phải có hầm đủ chỗ cho bệnh nhân nặng.
Nhận được Chỉ thị này, các đồng chí Bí thư đảng ủy xã phải phổ biến ngay đến từng chi bộ, báo cáo kết quả về Văn phòng Huyện ủy trước ngày 15 tháng 3 năm 1965.
T/M BAN THƯỜNG VỤ HUYỆN ỦY
BÍ THƯ
Hoàng Văn Dũng`;

const BIEN_BAN_1972 = `ĐẢNG BỘ XÃ NGHĨA ĐỒNG
CHI BỘ XÓM TRUNG
BIÊN BẢN
Họp chi bộ thường kỳ tháng 9 năm 1972
Hồi 19 giờ ngày 5 tháng 9 năm 1972, tại nhà đồng chí Lê Văn Khởi. Có mặt 23 trên 26 đảng viên, vắng 3 (đi dân công hỏa tuyến). Chủ tọa: đồng chí Phan Đình Quế, Bí thư chi bộ. Thư ký: đồng chí Nguyễn Thị Hoa.
Đồng chí Bí thư báo cáo: tháng 8 toàn xóm đã gặt xong 48 mẫu lúa hè thu, năng suất 19 tạ; giao đủ 36 tấn thóc nghĩa vụ; tuyển 9 thanh niên nhập ngũ, trong đó có 2 đảng viên.
Đồng chí Nguyễn Văn Thịnh, đội trưởng đội sản xuất số 3, báo cáo việc chống úng cho 12 mẫu lúa vùng trũng: đội đã huy động 140 ngày công đắp bờ vùng, tát nước ba đêm liền, cứu được phần lớn diện tích.
Về công tác tư tưởng: đảng viên và quần chúng phấn khởi trước tin thắng lợi ở Quảng Trị, yên tâm sản xuất; tuy vậy còn có gia đình lo lắng khi con em đi xa, chi bộ cần đến thăm hỏi, động viên kịp thời.
Ý kiến thảo luận: đồng chí Khởi đề nghị sửa lại kho thóc trước mùa mưa bão; đồng chí Hoa đề nghị giúp đỡ 7 gia đình thương binh, liệt sĩ sửa nhà. Chi bộ nhất trí giao tổ đảng số 2 phụ trách.
Nghị quyết: hoàn thành làm đất vụ đông trước ngày 30 tháng 9; kết nạp quần chúng Trần Văn Tâm vào Đảng.
Đồng chí Bí thư nhắc đảng viên gương mẫu đóng góp quỹ tương trợ, chấp hành chế độ canh gác phòng không ban đêm; phê bình 2 đồng chí vắng họp kỳ trước không có lý do.
Cuộc họp kết thúc hồi 21 giờ 30 cùng ngày.
Thư ký: Nguyễn Thị Hoa. Chủ tọa: Phan Đình Quế.`;

const THONG_BAO_1988 = `ĐẢNG CỘNG SẢN VIỆT NAM
TỈNH ỦY NGHỆ TĨNH
Số 46-TB/TU
THÔNG BÁO
Kết luận của Ban Thường vụ Tỉnh ủy về thực hiện Nghị quyết 10-NQ/TW của Bộ Chính trị
Ngày 22 tháng 6 năm 1988, Ban Thường vụ Tỉnh ủy họp nghe Ban Nông nghiệp báo cáo kết quả ba tháng triển khai Nghị quyết số 10-NQ/TW ngày 5 tháng 4 năm 1988 của Bộ Chính trị về đổi mới quản lý kinh tế nông nghiệp. Sau khi thảo luận, Ban Thường vụ kết luận như sau.
1. Việc giao khoán ruộng đất ổn định lâu dài cho hộ xã viên được nông dân đồng tình hưởng ứng. Đến nay 1.912 trong số 2.406 hợp tác xã và tập đoàn sản xuất đã giao khoán xong, chiếm 79,5%. Nơi làm tốt, mức khoán được công khai, hộ xã viên được chủ động sản xuất, phấn khởi đầu tư phân bón, giống mới.
2. Một số nơi còn lúng túng, làm chậm, thậm chí giao khoán hình thức, mức khoán cao quá sức, các khoản đóng góp còn nặng nề; có nơi để xảy ra tranh chấp ruộng đất kéo dài. Các huyện ủy phải chỉ đạo giải quyết dứt điểm trước vụ mùa.
3. Ban Nông nghiệp Tỉnh ủy phối hợp với Sở Nông nghiệp, Ngân hàng tỉnh hướng dẫn việc cho hộ nông dân vay vốn, cung ứng vật tư theo giá thỏa thuận; chuẩn bị sơ kết sáu tháng vào cuối tháng 10 năm 1988.
4. Các huyện ủy chỉ đạo kiện toàn ban quản lý hợp tác xã theo hướng gọn nhẹ, giảm bớt cán bộ gián tiếp; công khai các khoản thu chi; xóa bỏ việc bắt xã viên đóng góp ngoài quy định.
5. Chú trọng giải quyết việc làm cho lao động dôi ra sau khi giao khoán, khuyến khích phát triển ngành nghề thủ công, chăn nuôi gia đình và kinh tế vườn.
Ban Thường vụ giao đồng chí Phó Bí thư phụ trách khối kinh tế trực tiếp chỉ đạo; Ủy ban Kiểm tra Tỉnh ủy kiểm tra việc thi hành ở những nơi có đơn thư khiếu nại của nông dân.
Văn phòng Tỉnh ủy sao gửi Thông báo này đến các huyện ủy, thành ủy, thị ủy và đảng ủy trực thuộc để thực hiện.
T/L BAN THƯỜNG VỤ TỈNH ỦY
CHÁNH VĂN PHÒNG`;

const TONG_KET_1980 = `ĐẢNG BỘ XÃ DIỄN HỒNG
BÁO CÁO CHÍNH TRỊ
của Ban Chấp hành Đảng bộ xã khóa IX trình Đại hội lần thứ X
Nhiệm kỳ 1977–1980, Đảng bộ xã đã lãnh đạo nhân dân khắc phục hậu quả hai trận lũ lớn năm 1978, giữ vững sản xuất. Tổng sản lượng lương thực năm 1980 đạt 2.640 tấn, bình quân 312 ki-lô-gam mỗi nhân khẩu.
Hợp tác xã Diễn Hồng được tỉnh công nhận tiên tiến; đàn lợn có 3.150 con, đàn trâu bò 724 con. Trường phổ thông cấp I và cấp II có 1.086 học sinh; trạm xá có 2 y sĩ và 6 y tá.
Công tác xây dựng Đảng: kết nạp 41 đảng viên mới; đưa ra khỏi Đảng 5 người thoái hóa, biến chất. Đảng bộ có 9 chi bộ với 318 đảng viên.
Phong trào thủy lợi được duy trì: đã nạo vét 14 cây số kênh mương, xây 2 cống tiêu úng, làm mới 9 giếng nước; 85% số hộ có hố xí hai ngăn theo cuộc vận động ba công trình vệ sinh.
Khuyết điểm: quản lý ruộng đất, vật tư còn lỏng lẻo, để mất mát; sinh hoạt một số chi bộ chưa đều.
Về quốc phòng: hoàn thành chỉ tiêu tuyển quân ba năm liền với 164 thanh niên lên đường nhập ngũ; dân quân được huấn luyện đủ 15 ngày mỗi năm.
Phương hướng nhiệm kỳ 1980–1983: phấn đấu đạt 3.000 tấn lương thực; phát triển nghề cói, nghề dệt chiếu; hoàn thành trạm bơm Bàu Sen và 4 phòng học mới.`;

const TONG_KET_1968 = `HUYỆN ỦY YÊN THÀNH
Số 27-BC/HU
BÁO CÁO
Tổng kết công tác xây dựng Đảng năm 1968
Năm 1968 là năm Đảng bộ huyện ta vừa lãnh đạo sản xuất, chiến đấu, vừa chi viện sức người sức của cho tiền tuyến lớn miền Nam. Trong điều kiện máy bay địch đánh phá ác liệt, các chi bộ vẫn giữ được nề nếp sinh hoạt, 94,7% chi bộ họp đều hằng tháng.
Về công tác phát triển Đảng, toàn huyện kết nạp 412 đảng viên mới, trong đó 138 đồng chí là nữ, 97 đồng chí là đoàn viên thanh niên xung phong và dân quân trực chiến. Số đảng viên đi bộ đội trong năm là 356 đồng chí.
Qua phân loại cuối năm, chi bộ trong sạch vững mạnh chiếm 41,3%, chi bộ khá 39,8%, chi bộ trung bình 16,1%, chi bộ yếu kém 2,8%. Đảng viên đủ tư cách phát huy tác dụng tốt đạt 78,4%; 23 đảng viên bị kỷ luật, trong đó 6 đồng chí bị khai trừ ra khỏi Đảng vì tham ô tài sản hợp tác xã và vi phạm chính sách hậu phương quân đội.
Công tác cán bộ có tiến bộ. Huyện ủy đã mở 4 lớp bồi dưỡng cho 317 bí thư, phó bí thư chi bộ và chủ nhiệm hợp tác xã; cử 26 đồng chí đi học trường Đảng tỉnh và trường bổ túc văn hóa công nông.
Tồn tại: việc quản lý đảng viên đi xa chưa chặt; công tác kiểm tra chưa thường xuyên; một số chi bộ ở vùng trọng điểm chưa chú ý bồi dưỡng quần chúng ưu tú, có chi bộ cả năm không kết nạp được đảng viên nào.
Công tác kiểm tra: Ủy ban Kiểm tra Huyện ủy đã kiểm tra 58 tổ chức cơ sở đảng, xem xét 41 trường hợp đảng viên có dấu hiệu vi phạm; giải quyết xong 29 đơn thư khiếu tố của quần chúng. Các chi bộ đã rà soát lý lịch 1.264 quần chúng ưu tú, chuẩn bị nguồn kết nạp cho năm 1969.
Phương hướng năm 1969: tiếp tục cuộc vận động nâng cao chất lượng đảng viên theo Nghị quyết 195-NQ/TW của Bộ Chính trị; mỗi chi bộ phấn đấu kết nạp ít nhất hai đảng viên; củng cố các chi bộ yếu kém trong quý II.
Yên Thành, ngày 8 tháng 1 năm 1969
T/M HUYỆN ỦY
BÍ THƯ
Trần Quang Hiển`;

const THONG_TRI_1949 = `LIÊN KHU ỦY IV
Số 09-TT/LKU
THÔNG TRI
Về việc giữ gìn tài liệu của Đảng trong kháng chiến
Gửi các tỉnh ủy, huyện ủy và chi bộ.
Gửi kèm bản chỉ dẫn về cách cất giấu tài liệu trong ống nứa, hũ sành chôn dưới đất và cách ghi chép bằng ám hiệu.
Vừa qua ở một số nơi địch càn quét, cán bộ rút đi vội vàng, để mất sổ sách, danh sách đảng viên và thư từ giao thông. Đó là một khuyết điểm rất nguy hiểm cho cơ sở.
Từ nay các cấp bộ phải thi hành đúng mấy điều sau:
1. Tài liệu mật phải cất giữ nơi bí mật, chỉ giao cho đồng chí tin cẩn.
2. Danh sách đảng viên không được mang theo khi đi công tác vùng tạm chiếm.
3. Khi có báo động, phải cất giấu hoặc đốt ngay tài liệu không mang đi được.
4. Mỗi chi bộ cử một đồng chí giữ việc giao thông liên lạc, thuộc đường đi lối lại, biết nơi cất giấu tài liệu.
5. Khi có đồng chí bị địch bắt, chi bộ phải kịp thời thay đổi nơi họp, nơi cất giấu và mật khẩu liên lạc.
Các tỉnh ủy phải phổ biến ngay Thông tri này đến các chi bộ, báo cáo việc thi hành lên Liên khu ủy trước ngày 30 tháng 5 năm 1949.
Ngày 3 tháng 4 năm 1949
T/M LIÊN KHU ỦY`;

const DAI_HOI_1991 = `ĐẢNG CỘNG SẢN VIỆT NAM
ĐẢNG BỘ HUYỆN HƯNG NGUYÊN
NGHỊ QUYẾT
Đại hội đại biểu Đảng bộ huyện lần thứ XVI (nhiệm kỳ 1991–1995)
Đại hội đại biểu Đảng bộ huyện lần thứ XVI họp từ ngày 12 đến ngày 14 tháng 3 năm 1991, với 215 đại biểu thay mặt cho 6.820 đảng viên trong toàn Đảng bộ. Sau khi thảo luận Báo cáo chính trị, Báo cáo kiểm điểm của Ban Chấp hành khóa XV và góp ý kiến vào các dự thảo văn kiện Đại hội VII của Đảng, Đại hội quyết nghị:
1. Tán thành những nhận định về tình hình năm năm 1986–1990: thực hiện đường lối đổi mới của Đại hội VI, kinh tế huyện có bước phát triển, sản lượng lương thực năm 1990 đạt 52.300 tấn, tăng 18,6% so với năm 1985; đời sống phần lớn nhân dân được cải thiện. Khuyết điểm, yếu kém: sản xuất nông nghiệp còn phụ thuộc nhiều vào thời tiết; tiểu thủ công nghiệp chậm phát triển; một bộ phận cán bộ, đảng viên thoái hóa, biến chất, vi phạm pháp luật, làm giảm lòng tin của nhân dân.
2. Mục tiêu đến năm 1995: ổn định và từng bước nâng cao đời sống nhân dân; sản lượng lương thực đạt 60.000 tấn; phát triển kinh tế hộ, kinh tế vườn đồi; giữ vững an ninh chính trị và trật tự an toàn xã hội.
3. Xây dựng Đảng bộ trong sạch vững mạnh; đổi mới nội dung, phương thức lãnh đạo của cấp ủy; kiên quyết đấu tranh chống tham nhũng, lãng phí, quan liêu.
4. Chăm lo giáo dục, y tế, văn hóa; thực hiện tốt chính sách đối với thương binh, gia đình liệt sĩ và người có công với cách mạng; phấn đấu giảm tỷ lệ tăng dân số xuống dưới 1,9%.
5. Củng cố quốc phòng toàn dân, xây dựng lực lượng dân quân tự vệ vững mạnh, hoàn thành chỉ tiêu tuyển quân hằng năm.
Đại hội đã bầu Ban Chấp hành Đảng bộ huyện khóa XVI gồm 35 đồng chí và đoàn đại biểu đi dự Đại hội Đảng bộ tỉnh gồm 18 đồng chí.
Đại hội kêu gọi cán bộ, đảng viên và nhân dân trong huyện đoàn kết, phát huy truyền thống quê hương Xô viết, thực hiện thắng lợi Nghị quyết Đại hội.`;

const KHOAN_1981 = `HUYỆN ỦY NAM ĐÀN
BÁO CÁO NHANH
Kết quả thực hiện Chỉ thị 100-CT/TW về khoán sản phẩm
Vụ đông xuân 1981–1982 toàn huyện có 96 trên 104 hợp tác xã thực hiện khoán sản phẩm đến nhóm và người lao động. Năng suất lúa bình quân đạt 27,5 tạ/héc-ta, tăng 4,2 tạ so với vụ trước; nhiều xã viên vượt khoán từ 80 đến 150 ki-lô-gam thóc mỗi sào.
Nơi làm tốt như hợp tác xã Nam Thanh, Ban quản trị giữ vững năm khâu: làm đất, giống, thủy lợi, phân bón, bảo vệ thực vật; giao cho người lao động ba khâu cấy, chăm sóc và thu hoạch. Sản lượng đạt 96,3% kế hoạch, nghĩa vụ giao nộp nhanh và đủ.
Nhiều gia đình xã viên đã đầu tư thêm phân chuồng, bèo dâu, cải tạo ruộng xấu; ngày công lao động tăng, tình trạng đi muộn về sớm giảm hẳn. Hợp tác xã Nam Giang thu nhập bình quân mỗi lao động tăng 1,6 lần so với vụ đông xuân năm trước.
Một số hợp tác xã khoán trắng, buông lỏng quản lý, để tư thương lũng đoạn giá phân bón. Huyện ủy đã cử 3 đoàn cán bộ xuống giúp các xã Nam Kim, Nam Cường và Nam Lĩnh sửa chữa sai sót.
Đề nghị Tỉnh ủy sớm hướng dẫn định mức khoán vụ mùa; Ngân hàng cho vay vốn mua máy bơm dầu; Ty Vật tư cung ứng 1.200 tấn phân đạm trước ngày 15 tháng 7.
Ngày 16 tháng 6 năm 1982
VĂN PHÒNG HUYỆN ỦY`;

const THANH_LAP_1995 = `TỈNH ỦY NGHỆ AN
Số 214-QĐ/TU
QUYẾT ĐỊNH
Về việc thành lập Ban chỉ đạo biên soạn lịch sử Đảng bộ tỉnh
Căn cứ Điều lệ Đảng Cộng sản Việt Nam; căn cứ Chỉ thị số 15-CT/TW ngày 7 tháng 10 năm 1992 của Ban Bí thư về tổng kết chiến tranh và biên soạn lịch sử Đảng bộ các địa phương; xét đề nghị của Ban Tuyên giáo Tỉnh ủy,
BAN THƯỜNG VỤ TỈNH ỦY QUYẾT ĐỊNH
Điều 1. Thành lập Ban chỉ đạo biên soạn lịch sử Đảng bộ tỉnh Nghệ An (1930–1995) gồm 11 đồng chí, do đồng chí Phó Bí thư thường trực Tỉnh ủy làm Trưởng ban.
Điều 2. Ban chỉ đạo có nhiệm vụ xây dựng đề cương, tổ chức sưu tầm, xác minh tư liệu tại Kho lưu trữ Tỉnh ủy và các huyện ủy, thị ủy; lấy ý kiến nhân chứng lịch sử, các đồng chí lão thành cách mạng; hoàn thành bản thảo tập II (1954–1975) trước ngày 3 tháng 2 năm 1997. Bản thảo phải được lấy ý kiến các đồng chí nguyên là ủy viên Ban Chấp hành Đảng bộ tỉnh qua các thời kỳ trước khi trình Ban Thường vụ Tỉnh ủy thông qua.
Điều 3. Giúp việc Ban chỉ đạo có Tổ biên soạn gồm 7 đồng chí cán bộ nghiên cứu của Ban Tuyên giáo, Ban Tổ chức, Văn phòng Tỉnh ủy và Hội Khoa học lịch sử tỉnh, làm việc theo chế độ kiêm nhiệm.
Điều 4. Kinh phí biên soạn do ngân sách Đảng bảo đảm, mức 45.000.000 đồng cho năm 1995; Văn phòng Tỉnh ủy hướng dẫn việc chi tiêu và quyết toán theo quy định hiện hành.
Điều 5. Các ban của Tỉnh ủy, các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc và các đồng chí có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.
Vinh, ngày 20 tháng 4 năm 1995
Nơi nhận: như Điều 5; lưu Văn phòng Tỉnh ủy.
T/M BAN THƯỜNG VỤ TỈNH ỦY
PHÓ BÍ THƯ THƯỜNG TRỰC`;

const PAGES: PageSpec[] = [
  { id: 'clean-serif', degradation: 'none', scan: { font: 'serif', seed: 11 }, text: NGHI_QUYET_1961 },
  { id: 'clean-typewriter', degradation: 'none', scan: { font: 'typewriter', seed: 12 }, text: BAO_CAO_1958 },
  { id: 'rotate+3', degradation: 'skew +3°', scan: { font: 'serif', rotate: 3, seed: 13 }, text: CHI_THI_1965 },
  { id: 'rotate-3', degradation: 'skew −3°', scan: { font: 'typewriter', rotate: -3, seed: 14 }, text: BIEN_BAN_1972 },
  { id: 'noise', degradation: 'sensor noise (σ 20 grey levels)', scan: { font: 'serif', noise: 0.5, seed: 15 }, text: THONG_BAO_1988 },
  { id: 'blur', degradation: 'blur (σ 1.5 px)', scan: { font: 'typewriter', blur: 1.5, seed: 16 }, text: TONG_KET_1980 },
  { id: 'yellowed', degradation: 'uneven yellowed paper, stains, foxing', scan: { font: 'serif', yellowed: true, seed: 17 }, text: TONG_KET_1968 },
  { id: 'stencil', degradation: 'stencil (rônêô) ink, broken strokes', scan: { font: 'typewriter', stencil: true, seed: 18 }, text: THONG_TRI_1949 },
  { id: 'turned-90', degradation: 'page turned 90°', scan: { font: 'serif', turn: 90, seed: 19 }, text: DAI_HOI_1991 },
  { id: 'borders', degradation: 'black scanner borders, skew +1.2°', scan: { font: 'serif', borders: true, rotate: 1.2, seed: 21 }, text: THANH_LAP_1995 },
  {
    id: 'worst',
    degradation: 'yellowed + stencil + skew −2.5° + borders + noise, JPEG',
    scan: { font: 'typewriter', yellowed: true, stencil: true, rotate: -2.5, borders: true, noise: 0.25, seed: 20, format: 'jpeg' },
    text: KHOAN_1981,
  },
];

// ---- scoring -----------------------------------------------------------------------------------

/** Diacritics folded away: NFD, combining marks removed, đ→d, lower case. */
function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

/** Characters characterErrorRate counts in a reference (whitespace runs as one). */
function charCount(s: string): number {
  return [...s.normalize('NFC').replace(/\s+/g, ' ').trim()].length;
}

interface Score {
  cer: number;
  cerNoDiacritics: number;
  /** Edits behind each rate, for pooling pages by characters rather than averaging rates. */
  edits: number;
  editsNoDiacritics: number;
  chars: number;
}

function score(reference: string, hypothesis: string): Score {
  const chars = charCount(reference);
  const cer = characterErrorRate(reference, hypothesis);
  const cerNoDiacritics = characterErrorRate(fold(reference), fold(hypothesis));
  return { cer: round(cer, 4), cerNoDiacritics: round(cerNoDiacritics, 4), edits: Math.round(cer * chars), editsNoDiacritics: Math.round(cerNoDiacritics * chars), chars };
}

/** The word-level differences (ref → read; '' for a word missing or added), most frequent first. */
function wordErrors(reference: string, hypothesis: string): Map<string, number> {
  const a = reference.normalize('NFC').split(/\s+/).filter(Boolean);
  const b = hypothesis.normalize('NFC').split(/\s+/).filter(Boolean);
  const w = b.length + 1;
  const d = new Uint32Array((a.length + 1) * w);
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    d[i * w] = i;
    for (let j = 1; j <= b.length; j++) {
      d[i * w + j] = Math.min(d[(i - 1) * w + j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1), d[(i - 1) * w + j]! + 1, d[i * w + j - 1]! + 1);
    }
  }
  const out = new Map<string, number>();
  const add = (k: string): void => void out.set(k, (out.get(k) ?? 0) + 1);
  let i = a.length;
  let j = b.length;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && d[i * w + j] === d[(i - 1) * w + j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)) {
      if (a[i - 1] !== b[j - 1]) add(`${a[i - 1]} → ${b[j - 1]}`);
      i--;
      j--;
    } else if (i > 0 && d[i * w + j] === d[(i - 1) * w + j]! + 1) {
      add(`${a[i - 1]} → ∅`);
      i--;
    } else {
      add(`∅ → ${b[j - 1]}`);
      j--;
    }
  }
  return out;
}

function topErrors(maps: Map<string, number>[], n: number): string[] {
  const all = new Map<string, number>();
  for (const m of maps) for (const [k, v] of m) all.set(k, (all.get(k) ?? 0) + v);
  return [...all]
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .slice(0, n)
    .map(([k, v]) => (v > 1 ? `${k} ×${v}` : k));
}

function pool(scores: Score[]): { cer: number; cerNoDiacritics: number; chars: number } {
  const chars = scores.reduce((s, x) => s + x.chars, 0);
  const edits = scores.reduce((s, x) => s + x.edits, 0);
  const editsNd = scores.reduce((s, x) => s + x.editsNoDiacritics, 0);
  return { cer: round(edits / chars, 4), cerNoDiacritics: round(editsNd / chars, 4), chars };
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

// ---- measuring on a shared machine -------------------------------------------------------------

/** CPU seconds the whole machine has spent busy (Linux /proc/stat, in USER_HZ = 1/100 s; steal counts as busy), or null. */
function machineCpuSeconds(): number | null {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = f;
    return (user + nice + system + irq + softirq + steal) / 100;
  } catch {
    return null;
  }
}

interface Measured {
  wallSeconds: number;
  /** CPU seconds used by this process (all its threads) and the children it reported. */
  cpuSeconds: number;
  /** Share of the machine's cores busy with something else meanwhile (0–1; null off Linux): above ~0.05 the times are inflated. */
  otherLoad: number | null;
}

/** Starts measuring; the function returned stops, adding the CPU time of child processes (which this process cannot see). */
function meter(): (childCpuSeconds?: number) => Measured {
  const m0 = machineCpuSeconds();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  return (childCpuSeconds = 0) => {
    const wallSeconds = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    const cpuSeconds = (c.user + c.system) / 1e6 + childCpuSeconds;
    const m1 = machineCpuSeconds();
    const other = m0 === null || m1 === null ? null : Math.max(0, m1 - m0 - cpuSeconds);
    return { wallSeconds, cpuSeconds, otherLoad: other === null ? null : round(Math.min(1, other / (wallSeconds * os.cpus().length)), 3) };
  };
}

// ---- Sử Quán -----------------------------------------------------------------------------------

interface PageRead {
  text: string;
  seconds: number;
  cpuSeconds?: number;
  prepareSeconds?: number;
  recognizeSeconds?: number;
  confidence?: number;
  preparation?: unknown;
}

/** Starts the engine's threads (preparation, and every reader with its model) on a small page, so start-up is not counted as reading. */
async function warmUp(engine: OcrEngine, workers: number): Promise<number> {
  const tiny = await makeScan('Khởi động máy đọc chữ', { width: 900, height: 300, seed: 1 });
  const t = performance.now();
  await Promise.all(Array.from({ length: workers }, () => recognizeImage(tiny, engine)));
  return (performance.now() - t) / 1000;
}

/** Each page alone (the time one page takes), recording the prepared image the engine was given. */
async function readOneByOne(engine: OcrEngine, files: string[], preparedDir: string): Promise<{ reads: PageRead[]; measured: Measured }> {
  const out: PageRead[] = [];
  const stop = meter();
  for (const [i, file] of files.entries()) {
    let recognizeMs = 0;
    let readStarted = 0;
    let writeMs = 0;
    const recognize = async (png: Buffer): ReturnType<OcrEngine['recognize']> => {
      readStarted = performance.now();
      writeFileSync(path.join(preparedDir, `${path.parse(file).name}.png`), png);
      writeMs = performance.now() - readStarted;
      readStarted += writeMs;
      const r = await engine.recognize(png);
      recognizeMs = performance.now() - readStarted;
      return r;
    };
    // The engine as recognizeImage sees it, except that reading the prepared image is timed (and the image kept).
    const probe = new Proxy(engine, {
      get: (target, prop) => {
        if (prop === 'recognize') return recognize;
        const v: unknown = Reflect.get(target, prop, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    const cpu0 = process.cpuUsage();
    const t = performance.now();
    const r = await recognizeImage(file, probe);
    // Writing the prepared PNG for the CLI is not counted.
    const totalMs = performance.now() - t - writeMs;
    const cpu = process.cpuUsage(cpu0);
    out.push({
      text: r.text,
      seconds: round(totalMs / 1000, 2),
      cpuSeconds: round((cpu.user + cpu.system) / 1e6, 2),
      prepareSeconds: round((readStarted - writeMs - t) / 1000, 2),
      recognizeSeconds: round(recognizeMs / 1000, 2),
      confidence: r.confidence,
      preparation: r.preparation,
    });
    log(`  ${PAGES_RUN[i]!.id}: ${out[i]!.seconds} s (prepare ${out[i]!.prepareSeconds} s)`);
  }
  return { reads: out, measured: stop() };
}

/** The whole set with the pool kept busy: workers + 1 pages in flight, as OcrJob runs them. */
async function readBusy(engine: OcrEngine, files: string[]): Promise<{ texts: string[]; measured: Measured }> {
  const texts: string[] = new Array(files.length);
  let next = 0;
  const stop = meter();
  const lane = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++;
      texts[i] = (await recognizeImage(files[i]!, engine)).text;
    }
  };
  await Promise.all(Array.from({ length: engine.workerCount + 1 }, lane));
  return { texts, measured: stop() };
}

// ---- the tesseract command-line program --------------------------------------------------------

interface CliRun {
  texts: string[];
  seconds: number[];
  cpuSeconds: number[];
  measured: Measured;
}

function cliVersion(): string | null {
  const r = spawnSync('tesseract', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  return `${r.stdout}${r.stderr}`.split('\n')[0]!.trim();
}

/** Runs the CLI on every file, `processes` at a time, each single-threaded (OMP_THREAD_LIMIT=1). */
async function runCli(files: string[], args: string[], processes: number): Promise<CliRun> {
  const texts: string[] = new Array(files.length);
  const seconds: number[] = new Array(files.length);
  const cpuSeconds: number[] = new Array(files.length);
  let next = 0;
  const one = (i: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const t = performance.now();
      // Through the shell, whose `times` then reports the CPU time tesseract used (user and system, last line).
      const script = 'tesseract "$@"; s=$?; times >&2; exit $s';
      const p = spawn('/bin/sh', ['-c', script, 'sh', files[i]!, 'stdout', ...args], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      let err = '';
      p.stdout.on('data', (b: Buffer) => out.push(b));
      p.stderr.on('data', (b: Buffer) => (err += b.toString()));
      p.on('error', reject);
      p.on('close', (code) => {
        if (code !== 0) return reject(new Error(`tesseract exited ${code}: ${err.trim().slice(0, 500)}`));
        texts[i] = Buffer.concat(out).toString('utf8');
        seconds[i] = round((performance.now() - t) / 1000, 2);
        const times = [...err.matchAll(/(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s/g)].at(-1);
        cpuSeconds[i] = times ? round(Number(times[1]) * 60 + Number(times[2]) + Number(times[3]) * 60 + Number(times[4]), 2) : NaN;
        resolve();
      });
    });
  const stop = meter();
  await Promise.all(
    Array.from({ length: processes }, async () => {
      while (next < files.length) await one(next++);
    }),
  );
  return { texts, seconds, cpuSeconds, measured: stop(cpuSeconds.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0)) };
}

interface CliVariant {
  run: CliRun;
  args: string[];
  input: string;
  model: string;
}

/**
 * The CLI as a user would run it (Debian's model, original scan); then with tesseract.js's settings
 * (the shipped best_int model, LSTM only, page segmentation AUTO, 300 dpi) on the original scan and
 * on the image Sử Quán prepared.
 */
async function runAllCli(version: string, files: string[]): Promise<Record<string, CliVariant>> {
  const processes = Math.max(1, Math.min(2, os.availableParallelism()));
  const runs: Record<string, CliVariant> = {};
  log(`tesseract CLI (${version}), Debian model, original images, ${processes} processes…`);
  const debianArgs = ['-l', 'vie', '--psm', '3', '--tessdata-dir', DEBIAN_TESSDATA];
  runs.cli = { run: await runCli(files, debianArgs, processes), args: debianArgs, input: 'original scan', model: 'Debian tesseract-ocr-vie (tessdata_fast)' };
  const shipped = path.join(work, 'tessdata');
  mkdirSync(shipped, { recursive: true });
  await pipeline(createReadStream(path.join(languageData().langPath, 'vie.traineddata.gz')), createGunzip(), createWriteStream(path.join(shipped, 'vie.traineddata')));
  const sameArgs = ['-l', 'vie', '--oem', '1', '--psm', '3', '--dpi', '300', '--tessdata-dir', shipped];
  log('tesseract CLI, the shipped best_int model (tesseract.js settings), original images…');
  runs.cliSameModel = { run: await runCli(files, sameArgs, processes), args: sameArgs, input: 'original scan', model: 'shipped vie 4.0.0_best_int' };
  log('tesseract CLI, the shipped model, the images Sử Quán prepared…');
  const prepared = files.map((f) => path.join(preparedDir, `${path.parse(f).name}.png`));
  runs.cliPrepared = { run: await runCli(prepared, sameArgs, processes), args: sameArgs, input: 'image prepared by prepareForOcr', model: 'shipped vie 4.0.0_best_int' };
  return runs;
}

// ---- run ---------------------------------------------------------------------------------------

const only = process.env.OCR_BENCH_PAGES?.split(',').filter(Boolean);
const PAGES_RUN = only ? PAGES.filter((p) => only.some((w) => p.id.includes(w))) : PAGES;
const keep = process.env.OCR_BENCH_KEEP;
const work = keep ? (mkdirSync(keep, { recursive: true }), keep) : mkdtempSync(path.join(os.tmpdir(), 'suquan-bench-ocr-'));
const scansDir = path.join(work, 'scans');
const preparedDir = path.join(work, 'prepared');
const textDir = path.join(work, 'text');
for (const d of [scansDir, preparedDir, textDir]) mkdirSync(d, { recursive: true });
const started = performance.now();
// Timings are only meaningful on an otherwise idle machine: the load is reported with them.
const loadAtStart = os.loadavg()[0]!;

try {
  // 1. The pages.
  log(`ocr bench: generating ${PAGES_RUN.length} pages in ${scansDir}`);
  const files: string[] = [];
  const sizes: [number, number][] = [];
  for (const [i, p] of PAGES_RUN.entries()) {
    const t = performance.now();
    const bytes = await makeScan(p.text, p.scan);
    const file = path.join(scansDir, `${String(i + 1).padStart(2, '0')}-${p.id.replace(/[^a-z0-9-]/gi, '')}.${p.scan.format === 'jpeg' ? 'jpg' : 'png'}`);
    writeFileSync(file, bytes);
    files.push(file);
    const m = await sharp(bytes).metadata();
    sizes.push([m.width, m.height]);
    log(`  ${p.id}: ${m.width}×${m.height}, ${round(bytes.length / 1e6, 1)} MB, ${round((performance.now() - t) / 1000, 1)} s`);
  }
  const references = PAGES_RUN.map((p) => p.text.normalize('NFC'));

  // 2. Sử Quán: one page at a time, then throughput with the default worker count and with 2.
  const defaultWorkers = defaultWorkerCount();
  // The default first: its engine also reads the pages one by one, which the other runs are compared with.
  const workerCounts = defaultWorkers === 2 ? [2] : [defaultWorkers, 2];
  const throughput: Record<string, unknown> = {};
  let oneByOne: PageRead[] = [];
  let oneByOneMeasured: Measured | null = null;
  let startupSeconds = 0;
  const differing: Record<string, string[]> = {};
  for (const workers of workerCounts) {
    const engine = new OcrEngine({ workers });
    try {
      const s = await warmUp(engine, workers);
      if (workers === defaultWorkers) {
        startupSeconds = round(s, 2);
        log(`Sử Quán, one page at a time (pool started in ${startupSeconds} s):`);
        ({ reads: oneByOne, measured: oneByOneMeasured } = await readOneByOne(engine, files, preparedDir));
      }
      log(`Sử Quán, ${workers} worker(s), ${workers + 1} pages in flight…`);
      const busy = await readBusy(engine, files);
      const pps = files.length / busy.measured.wallSeconds;
      throughput[`workers${workers}`] = {
        workers,
        default: workers === defaultWorkers,
        pagesPerSecond: round(pps, 3),
        secondsPerPage: round(1 / pps, 2),
        wallSeconds: round(busy.measured.wallSeconds, 1),
        cpuSecondsPerPage: round(busy.measured.cpuSeconds / files.length, 2),
        otherLoad: busy.measured.otherLoad,
      };
      log(`  ${round(pps, 3)} pages/s`);
      // Recognition is deterministic: the texts read under load must be those read one by one.
      const diff = busy.texts.flatMap((t, i) => (t === oneByOne[i]?.text ? [] : [PAGES_RUN[i]!.id]));
      if (diff.length) differing[`workers${workers}`] = diff;
    } finally {
      await engine.close();
    }
  }
  for (const [i, r] of oneByOne.entries()) writeFileSync(path.join(textDir, `${path.parse(files[i]!).name}.suquan.txt`), r.text);

  // 3. The tesseract CLI.
  const version = cliVersion();
  const debianModel = path.join(DEBIAN_TESSDATA, 'vie.traineddata');
  let cliReason: string | null = null;
  if (!version) cliReason = 'the tesseract command-line program is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)';
  else if (!existsSync(debianModel)) cliReason = `${debianModel} is missing (apt-get install tesseract-ocr-vie)`;
  const cliRuns: Record<string, CliVariant> = {};
  if (!cliReason) {
    try {
      Object.assign(cliRuns, await runAllCli(version!, files));
    } catch (e) {
      // A broken installation is reported, not fatal: Sử Quán's figures stand on their own.
      cliReason = `the tesseract command-line program failed: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  for (const [name, { run }] of Object.entries(cliRuns)) for (const [i, t] of run.texts.entries()) writeFileSync(path.join(textDir, `${path.parse(files[i]!).name}.${name}.txt`), t);

  // 4. Scores.
  const suquanScores = oneByOne.map((r, i) => score(references[i]!, r.text));
  const suquanErrors = oneByOne.map((r, i) => wordErrors(references[i]!, r.text));
  const cliScores = Object.fromEntries(Object.entries(cliRuns).map(([k, { run }]) => [k, run.texts.map((t, i) => score(references[i]!, t))]));
  const cliErrors = Object.fromEntries(Object.entries(cliRuns).map(([k, { run }]) => [k, run.texts.map((t, i) => wordErrors(references[i]!, t))]));

  const pages = PAGES_RUN.map((p, i) => {
    const { edits, editsNoDiacritics, chars, ...s } = suquanScores[i]!;
    void edits, void editsNoDiacritics;
    const r = oneByOne[i]!;
    return {
      id: p.id,
      group: p.degradation === 'none' ? 'clean' : 'degraded',
      font: p.scan.font,
      degradation: p.degradation,
      size: sizes[i],
      chars,
      suquan: {
        ...s,
        seconds: r.seconds,
        cpuSeconds: r.cpuSeconds,
        prepareSeconds: r.prepareSeconds,
        recognizeSeconds: r.recognizeSeconds,
        confidence: r.confidence,
        preparation: r.preparation,
        errors: topErrors([suquanErrors[i]!], 4),
      },
      ...Object.fromEntries(
        Object.entries(cliRuns).map(([k, { run }]) => [k, { cer: cliScores[k]![i]!.cer, cerNoDiacritics: cliScores[k]![i]!.cerNoDiacritics, seconds: run.seconds[i], cpuSeconds: run.cpuSeconds[i] }]),
      ),
    };
  });

  const groupOf = (i: number): 'clean' | 'degraded' => (PAGES_RUN[i]!.degradation === 'none' ? 'clean' : 'degraded');
  const groups: Record<string, Record<string, unknown>> = {};
  for (const g of ['clean', 'degraded', 'all'] as const) {
    const idx = PAGES_RUN.map((_, i) => i).filter((i) => g === 'all' || groupOf(i) === g);
    if (!idx.length) continue;
    const worst = (sc: Score[]): { page: string; cer: number } => {
      const i = idx.reduce((a, b) => (sc[b]!.cer > sc[a]!.cer ? b : a));
      return { page: PAGES_RUN[i]!.id, cer: sc[i]!.cer };
    };
    const meanSeconds = (s: number[]): number => round(idx.reduce((a, i) => a + s[i]!, 0) / idx.length, 2);
    groups[g] = {
      pages: idx.length,
      suquan: {
        ...pool(idx.map((i) => suquanScores[i]!)),
        worst: worst(suquanScores),
        secondsPerPage: meanSeconds(oneByOne.map((r) => r.seconds)),
        cpuSecondsPerPage: meanSeconds(oneByOne.map((r) => r.cpuSeconds ?? NaN)),
        commonErrors: topErrors(idx.map((i) => suquanErrors[i]!), 10),
      },
      ...Object.fromEntries(
        Object.entries(cliRuns).map(([k, { run }]) => [
          k,
          {
            ...pool(idx.map((i) => cliScores[k]![i]!)),
            worst: worst(cliScores[k]!),
            secondsPerPage: meanSeconds(run.seconds),
            cpuSecondsPerPage: meanSeconds(run.cpuSeconds),
            commonErrors: topErrors(idx.map((i) => cliErrors[k]![i]!), 10),
          },
        ]),
      ),
    };
  }

  const cleanIdx = PAGES_RUN.map((_, i) => i).filter((i) => groupOf(i) === 'clean');
  const degradedIdx = PAGES_RUN.map((_, i) => i).filter((i) => groupOf(i) === 'degraded');
  const cerTarget = (idx: number[], target: number) => {
    if (!idx.length) return null;
    const value = pool(idx.map((i) => suquanScores[i]!)).cer;
    const over = idx.filter((i) => suquanScores[i]!.cer > target).map((i) => `${PAGES_RUN[i]!.id} ${round(suquanScores[i]!.cer * 100, 1)} %`);
    return { target, value, met: value <= target, everyPageMet: over.length === 0, pagesOver: over };
  };
  const defaultPps = (throughput[`workers${defaultWorkers}`] as { pagesPerSecond: number }).pagesPerSecond;
  const twoPps = (throughput.workers2 as { pagesPerSecond: number } | undefined)?.pagesPerSecond ?? null;
  const targets = {
    cleanCer: cerTarget(cleanIdx, TARGETS.cleanCer),
    degradedCer: cerTarget(degradedIdx, TARGETS.degradedCer),
    pagesPerSecond: { target: TARGETS.pagesPerSecond, value: defaultPps, workers: defaultWorkers, met: defaultPps >= TARGETS.pagesPerSecond, withTwoWorkers: twoPps, metWithTwoWorkers: twoPps !== null && twoPps >= TARGETS.pagesPerSecond },
  };

  const cli = cliReason
    ? null
    : {
        version,
        ...Object.fromEntries(
          Object.entries(cliRuns).map(([k, { run, args, input, model }]) => {
            const pps = files.length / run.measured.wallSeconds;
            return [
              k,
              {
                model,
                input,
                command: `OMP_THREAD_LIMIT=1 tesseract <image> stdout ${args.join(' ').replace(work, '<tmp>')}`,
                processes: Math.max(1, Math.min(2, os.availableParallelism())),
                pagesPerSecond: round(pps, 3),
                secondsPerPage: round(run.seconds.reduce((a, b) => a + b, 0) / run.seconds.length, 2),
                cpuSecondsPerPage: round(run.measured.cpuSeconds / files.length, 2),
                otherLoad: run.measured.otherLoad,
                cleanCer: (groups.clean?.[k] as { cer: number } | undefined)?.cer ?? null,
                degradedCer: (groups.degraded?.[k] as { cer: number } | undefined)?.cer ?? null,
              },
            ];
          }),
        ),
      };

  // Whether anything else used the cores while a timing was taken (a shared machine): those figures are then too slow.
  const loads: Record<string, number | null> = {
    oneByOne: oneByOneMeasured?.otherLoad ?? null,
    ...Object.fromEntries(Object.entries(throughput).map(([k, v]) => [k, (v as { otherLoad: number | null }).otherLoad])),
    ...Object.fromEntries(Object.entries(cliRuns).map(([k, { run }]) => [k, run.measured.otherLoad])),
  };
  const disturbed = Object.entries(loads).filter(([, v]) => v !== null && v > 0.05).map(([k]) => k);
  if (disturbed.length) log(`warning: other processes used the CPU during ${disturbed.join(', ')}; those timings are too slow`);

  const result = {
    bench: 'ocr',
    model: { suquan: languageData().engine, cli: cliReason ? null : `${version} · Debian tesseract-ocr-vie` },
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      node: process.version,
      defaultWorkers,
      // One-minute load averages before and after the run: above ~0.5 at the start, something else was using the cores.
      loadAverage: { start: round(loadAtStart, 2), end: round(os.loadavg()[0]!, 2) },
    },
    summary: {
      suquan: {
        cleanCer: targets.cleanCer?.value ?? null,
        degradedCer: targets.degradedCer?.value ?? null,
        cleanCerNoDiacritics: (groups.clean?.suquan as { cerNoDiacritics: number } | undefined)?.cerNoDiacritics ?? null,
        degradedCerNoDiacritics: (groups.degraded?.suquan as { cerNoDiacritics: number } | undefined)?.cerNoDiacritics ?? null,
        pagesPerSecond: defaultPps,
        pagesPerSecondTwoWorkers: twoPps,
        cpuSecondsPerPage: (groups.all?.suquan as { cpuSecondsPerPage: number } | undefined)?.cpuSecondsPerPage ?? null,
      },
      cli: cliReason
        ? null
        : {
            cleanCer: (groups.clean?.cli as { cer: number } | undefined)?.cer ?? null,
            degradedCer: (groups.degraded?.cli as { cer: number } | undefined)?.cer ?? null,
            cleanCerNoDiacritics: (groups.clean?.cli as { cerNoDiacritics: number } | undefined)?.cerNoDiacritics ?? null,
            degradedCerNoDiacritics: (groups.degraded?.cli as { cerNoDiacritics: number } | undefined)?.cerNoDiacritics ?? null,
            pagesPerSecond: (cli as Record<string, { pagesPerSecond: number }> | null)?.cli?.pagesPerSecond ?? null,
            cpuSecondsPerPage: (groups.all?.cli as { cpuSecondsPerPage: number } | undefined)?.cpuSecondsPerPage ?? null,
          },
      timingsReliable: disturbed.length === 0,
      ...(disturbed.length ? { disturbedTimings: disturbed } : {}),
    },
    targets,
    otherLoad: loads,
    throughput: { ...throughput, poolStartSeconds: startupSeconds, ...(Object.keys(differing).length ? { textsDifferFromOneByOne: differing } : {}) },
    cli,
    cliReason,
    groups,
    pages,
    seconds: round((performance.now() - started) / 1000, 1),
    ...(keep ? { kept: work } : {}),
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  if (!keep) rmSync(work, { recursive: true, force: true });
}

// Every engine has been closed: nothing of the OCR engine should keep the process alive. If something
// does (a thread close() missed), say so rather than hang `npm run bench`, which waits for the exit.
setTimeout(() => {
  const handles = (process as unknown as { _getActiveHandles?: () => object[] })._getActiveHandles?.() ?? [];
  log(`warning: the process is still kept alive 5 s after every OcrEngine was closed (${handles.map((h) => h.constructor.name).join(', ') || 'unknown handles'}): a leaked thread; exiting`);
  process.exit(0);
}, 5000).unref();
