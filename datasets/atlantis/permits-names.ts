/**
 * Name lists per nationality for the Atlantis registers (ASCII transliterations as passports print them; common
 * given and family names of each country), the spellings with diacritics of some of them, and the spelling
 * variants registers produce: another transliteration, a typo, given and family names swapped.
 */
import type { SeededRandom } from './draw.js';

export interface NameList {
  readonly male: readonly string[];
  readonly female: readonly string[];
  readonly family: readonly string[];
}

const w = (s: string): string[] => s.split(' ').map((x) => x.replace('_', ' '));

export const NAMES: Readonly<Record<string, NameList>> = {
  IND: { male: w('Rahul Amit Suresh Rajesh Vijay Arjun Sanjay Ravi Anil Deepak Manoj Praveen'), female: w('Priya Anjali Sunita Pooja Kavita Lakshmi Divya Neha Meena Rekha'), family: w('Kumar Singh Sharma Patel Reddy Nair Gupta Yadav Das Pillai Iyer Menon Rao Joshi Verma') },
  PHL: { male: w('Jose Mark Juan John Michael Ronaldo Jerome Rommel Arnel Joel Christian Ramon'), female: w('Maria Mary Grace Kristine Jennifer Rowena Marites Analyn Joy Rosalie Cristina Liza'), family: w('Santos Reyes Cruz Bautista Garcia Mendoza Ramos Aquino Villanueva Dela_Cruz Castillo Flores Navarro Torres Gonzales') },
  NPL: { male: w('Ram Krishna Bikash Suman Prakash Santosh Dipesh Hari Rajendra Bishnu Sunil Ganesh'), female: w('Sita Gita Sarita Sunita Kamala Anita Maya Rita Laxmi Bimala'), family: w('Shrestha Tamang Gurung Magar Rai Thapa Adhikari Karki Bhandari Limbu Sherpa Poudel KC Basnet Khadka') },
  BGD: { male: w('Mohammed Abdul Rahim Karim Shahidul Mizanur Rafiqul Jahangir Habibur Anwar Kamal Sohel'), female: w('Fatema Nasrin Shirin Rokeya Taslima Shahnaz Ayesha Jannat Sumaiya Rina'), family: w('Hossain Rahman Islam Ahmed Uddin Miah Khan Sarkar Chowdhury Akter Begum Haque Alam Sheikh Talukder') },
  EGY: { male: w('Mohamed Ahmed Mahmoud Mostafa Hassan Ali Khaled Omar Youssef Tarek Ibrahim Sayed'), female: w('Fatma Mona Heba Nour Aya Shaimaa Doaa Rania Yasmin Amira'), family: w('Abdelrahman Hassan Ibrahim Elsayed Mahmoud Mohamed Abdallah Salem Farouk Mansour Shehata Ragab Soliman Gaber Fathy') },
  UKR: { male: w('Oleksandr Andriy Serhiy Volodymyr Dmytro Mykola Ivan Vasyl Yuriy Oleh Taras Bohdan'), female: w('Olena Tetiana Iryna Natalia Oksana Yulia Svitlana Kateryna Halyna Mariia'), family: w('Melnyk Shevchenko Kovalenko Bondarenko Tkachenko Kravchenko Oliynyk Shevchuk Polishchuk Lysenko Boyko Tkachuk Savchenko Rudenko Moroz') },
  VNM: { male: w('Minh Tuan Hung Dung Thanh Quang Hieu Nam Long Duc Phuong Hoang'), female: w('Lan Huong Linh Thu Hoa Mai Trang Ngoc Thao Hanh'), family: w('Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ho Ngo Duong') },
  IDN: { male: w('Agus Budi Eko Dedi Joko Bambang Hendra Rudi Slamet Wahyu Yusuf Fajar'), female: w('Siti Sri Dewi Rina Yuni Wati Nur Ayu Fitri Indah'), family: w('Santoso Wijaya Saputra Hidayat Setiawan Kurniawan Susanto Pratama Nugroho Siregar Lubis Hasibuan Sulistyo Rahayu Purnomo') },
  MAR: { male: w('Mohamed Youssef Hamza Rachid Said Abdelali Khalid Mustapha Hicham Karim Adil Noureddine'), female: w('Fatima Khadija Naima Samira Malika Hanane Zineb Salma Imane Latifa'), family: w('Alaoui Benali Bennani Tazi Idrissi El_Amrani Berrada Chraibi Fassi Ouazzani Lahlou Bouzid Tahiri Zerouali Mansouri') },
  COL: { male: w('Jose Juan Carlos Luis Andres Jorge Diego Alejandro Jhon Julian Fernando Sebastian'), female: w('Maria Luz Ana Diana Paola Sandra Claudia Angela Natalia Monica'), family: w('Rodriguez Gomez Gonzalez Martinez Garcia Lopez Hernandez Sanchez Ramirez Perez Diaz Munoz Rojas Moreno Jimenez') },
  CHN: { male: w('Wei Jun Lei Yong Jie Tao Ming Chao Qiang Hao Bin Peng'), female: w('Fang Li Na Min Jing Yan Xiu Hui Juan Ying'), family: w('Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu') },
  GBR: { male: w('James John David Michael Paul Andrew Richard Mark Thomas Daniel Matthew Christopher'), female: w('Sarah Emma Claire Laura Rebecca Helen Rachel Nicola Emily Charlotte'), family: w('Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson Wright Walker') },
};

/** National spellings with diacritics of some names (residence permits copy them from the passport's national page). */
export const DIACRITICS: Readonly<Record<string, string>> = {
  Jose: 'José', Andres: 'Andrés', Julian: 'Julián', Sebastian: 'Sebastián', Maria: 'María', Angela: 'Ángela', Monica: 'Mónica',
  Rodriguez: 'Rodríguez', Gomez: 'Gómez', Gonzalez: 'González', Martinez: 'Martínez', Garcia: 'García', Lopez: 'López',
  Hernandez: 'Hernández', Sanchez: 'Sánchez', Ramirez: 'Ramírez', Perez: 'Pérez', Diaz: 'Díaz', Munoz: 'Muñoz', Jimenez: 'Jiménez',
  Nguyen: 'Nguyễn', Tran: 'Trần', Le: 'Lê', Pham: 'Phạm', Hoang: 'Hoàng', Huynh: 'Huỳnh', Vu: 'Vũ', Vo: 'Võ', Dang: 'Đặng', Bui: 'Bùi',
  Do: 'Đỗ', Ho: 'Hồ', Ngo: 'Ngô', Duong: 'Dương', Tuan: 'Tuấn', Hung: 'Hùng', Dung: 'Dũng', Hieu: 'Hiếu', Duc: 'Đức', Phuong: 'Phương',
  Huong: 'Hương', Thu: 'Thu', Hoa: 'Hoa', Ngoc: 'Ngọc', Thao: 'Thảo', Hanh: 'Hạnh',
};

/** Transliteration rules (pattern -> alternative, on lower case): one applicable rule is applied to make a variant. */
const RULES: readonly (readonly [string, string])[] = [
  ['mohammed', 'muhammad'], ['mohamed', 'mohammed'], ['ou', 'u'], ['oo', 'u'], ['ee', 'i'], ['kh', 'h'], ['sh', 'sch'], ['y', 'i'],
  ['iy', 'ii'], ['ph', 'f'], ['j', 'dj'], ['w', 'v'], ['v', 'w'], ['c', 'k'], ['k', 'c'], ['mm', 'm'], ['ll', 'l'], ['ss', 's'],
  ['th', 't'], ['dh', 'd'], ['ai', 'ay'], ['ei', 'ey'], ['x', 'ks'], ['q', 'k'], ['u', 'oo'], ['i', 'ee'], ['e', 'a'],
];

function capitalize(s: string): string {
  return s.replace(/(^|[ -])([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

/** Another transliteration of a name (one rule applied at its first occurrence); the name itself when no rule applies. */
export function transliterate(rng: SeededRandom, name: string): string {
  const lower = name.toLowerCase();
  const rules = RULES.filter(([from]) => lower.includes(from));
  if (rules.length === 0) return `${name}h`;
  const [from, to] = rules[rng.below(rules.length)]!;
  const i = lower.indexOf(from);
  return capitalize(lower.slice(0, i) + to + lower.slice(i + from.length));
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One typo: a letter substituted, dropped or transposed with the next (names of 3+ letters; never the first letter). */
export function typo(rng: SeededRandom, name: string): string {
  if (name.length < 3) return `${name}${LETTERS[rng.below(26)]}`;
  const lower = name.toLowerCase();
  const i = 1 + rng.below(lower.length - 1);
  const kind = rng.below(3);
  let out: string;
  if (kind === 0) {
    let c = LETTERS[rng.below(26)]!;
    if (c === lower[i]) c = c === 'z' ? 'a' : String.fromCharCode(c.charCodeAt(0) + 1);
    out = lower.slice(0, i) + c + lower.slice(i + 1);
  } else if (kind === 1) out = lower.slice(0, i) + lower.slice(i + 1);
  else if (i < lower.length - 1 && lower[i] !== lower[i + 1]) out = lower.slice(0, i) + lower[i + 1]! + lower[i]! + lower.slice(i + 2);
  else out = lower.slice(0, i) + lower.slice(i + 1);
  return capitalize(out);
}
