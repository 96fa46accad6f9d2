// The demo brand's product line: a sports-medicine and athleisure label ("Kinetik") selling braces,
// compression, supports, apparel and recovery gear. Each product expands into size × color SKUs.

export type Category = "braces" | "compression" | "supports" | "apparel" | "recovery";

export interface Product {
  prefix: string;
  name: string;
  category: Category;
  sizes: string[];
  colors: string[];
  /** Price in cents, so money never passes through float arithmetic. */
  priceCents: number;
  leadTimeDays: number;
  /** Units per day across all of the product's variants. */
  demand: number;
  /** Sold in the US (3PL stock, and FBA when `amazon`). */
  us: boolean;
  amazon: boolean;
  /** Carried by the Polanco store (and so on Rappi for health categories). */
  store: boolean;
  /** Bulky items the dropship vendor also carries. */
  dropship?: boolean;
  /** Launched this many days ago (tagged "new"); absent = on sale for the whole history. */
  launchedDaysAgo?: number;
}

const SML = ["S", "M", "L"];
const SMLXL = ["S", "M", "L", "XL"];
const APPAREL = ["XS", "S", "M", "L", "XL"];

export const PRODUCTS: Product[] = [
  { prefix: "KNEE-BRACE", name: "Knee Brace", category: "braces", sizes: SMLXL, colors: ["BLK", "BEI", "GRY"], priceCents: 3990, leadTimeDays: 21, demand: 110, us: true, amazon: true, store: true },
  { prefix: "KNEE-HINGE", name: "Hinged Knee Brace", category: "braces", sizes: SMLXL, colors: ["BLK", "GRY"], priceCents: 7990, leadTimeDays: 42, demand: 9, us: true, amazon: true, store: true, dropship: true },
  { prefix: "ANKLE-BRACE", name: "Ankle Brace", category: "braces", sizes: SML, colors: ["BLK", "BEI"], priceCents: 2990, leadTimeDays: 35, demand: 14, us: true, amazon: true, store: true },
  { prefix: "ANKLE-STAB", name: "Lace-up Ankle Stabilizer", category: "braces", sizes: SMLXL, colors: ["BLK", "WHT"], priceCents: 3490, leadTimeDays: 40, demand: 8, us: true, amazon: true, store: false },
  { prefix: "WRIST-BRACE", name: "Wrist Brace", category: "braces", sizes: SML, colors: ["BLK", "BEI"], priceCents: 2490, leadTimeDays: 30, demand: 12, us: true, amazon: true, store: true },
  { prefix: "BACK-BRACE", name: "Lumbar Back Brace", category: "braces", sizes: ["S", "M", "L", "XL", "XXL"], colors: ["BLK"], priceCents: 5990, leadTimeDays: 45, demand: 10, us: true, amazon: true, store: true, dropship: true },
  { prefix: "ELBOW-BRACE", name: "Elbow Brace", category: "braces", sizes: SML, colors: ["BLK", "GRY"], priceCents: 2290, leadTimeDays: 30, demand: 6, us: true, amazon: true, store: false },
  { prefix: "SHOULDER-BRACE", name: "Shoulder Stabilizer", category: "braces", sizes: SML, colors: ["BLK"], priceCents: 4990, leadTimeDays: 45, demand: 3, us: false, amazon: false, store: false, dropship: true },
  { prefix: "SI-BELT", name: "SI Joint Belt", category: "braces", sizes: SMLXL, colors: ["BLK"], priceCents: 3290, leadTimeDays: 40, demand: 3, us: true, amazon: true, store: false },
  { prefix: "CERVICAL-COLLAR", name: "Soft Cervical Collar", category: "braces", sizes: SML, colors: ["BEI"], priceCents: 1990, leadTimeDays: 30, demand: 2, us: false, amazon: false, store: true, dropship: true },
  { prefix: "TENNIS-ELBOW", name: "Tennis Elbow Strap", category: "braces", sizes: ["OS"], colors: ["BLK", "WHT"], priceCents: 1490, leadTimeDays: 14, demand: 8, us: true, amazon: true, store: true },
  { prefix: "CALF-SLEEVE", name: "Calf Compression Sleeve", category: "compression", sizes: SMLXL, colors: ["BLK", "WHT", "NVY", "PNK"], priceCents: 1990, leadTimeDays: 21, demand: 30, us: true, amazon: true, store: true },
  { prefix: "COMP-SOCK", name: "Compression Socks 20-30 mmHg", category: "compression", sizes: SMLXL, colors: ["BLK", "WHT", "NVY", "BEI"], priceCents: 2490, leadTimeDays: 21, demand: 80, us: true, amazon: true, store: true },
  { prefix: "COMP-TIGHT", name: "Compression Tights", category: "compression", sizes: APPAREL, colors: ["BLK", "NVY"], priceCents: 5490, leadTimeDays: 30, demand: 9, us: true, amazon: true, store: false },
  { prefix: "ARM-SLEEVE", name: "Arm Compression Sleeve", category: "compression", sizes: SML, colors: ["BLK", "WHT"], priceCents: 1790, leadTimeDays: 21, demand: 5, us: true, amazon: false, store: false },
  { prefix: "COMP-SHORT", name: "Compression Shorts", category: "compression", sizes: SMLXL, colors: ["BLK", "GRY"], priceCents: 3490, leadTimeDays: 28, demand: 7, us: true, amazon: true, store: true },
  { prefix: "KNEE-SLEEVE", name: "Knee Compression Sleeve", category: "compression", sizes: ["S", "M", "L", "XL", "XXL"], colors: ["BLK", "GRY", "BLU"], priceCents: 2990, leadTimeDays: 21, demand: 90, us: true, amazon: true, store: true },
  { prefix: "THIGH-SLEEVE", name: "Thigh Compression Sleeve", category: "compression", sizes: SMLXL, colors: ["BLK"], priceCents: 2490, leadTimeDays: 28, demand: 3, us: false, amazon: false, store: false },
  { prefix: "ANKLE-SLEEVE", name: "Ankle Compression Sleeve", category: "compression", sizes: SMLXL, colors: ["BLK", "BEI"], priceCents: 1690, leadTimeDays: 21, demand: 8, us: true, amazon: true, store: true },
  { prefix: "PATELLA-STRAP", name: "Patella Strap", category: "supports", sizes: ["SM", "LX"], colors: ["BLK", "BLU"], priceCents: 1490, leadTimeDays: 14, demand: 10, us: true, amazon: true, store: true },
  { prefix: "POSTURE", name: "Posture Corrector", category: "supports", sizes: SMLXL, colors: ["BLK", "BEI"], priceCents: 3990, leadTimeDays: 35, demand: 12, us: true, amazon: true, store: true },
  { prefix: "NIGHT-SPLINT", name: "Plantar Fasciitis Night Splint", category: "supports", sizes: SML, colors: ["GRY"], priceCents: 4490, leadTimeDays: 40, demand: 4, us: true, amazon: true, store: false, dropship: true },
  { prefix: "ARCH-SUPPORT", name: "Arch Support Insoles", category: "supports", sizes: APPAREL, colors: ["BLU"], priceCents: 1990, leadTimeDays: 21, demand: 9, us: true, amazon: true, store: true },
  { prefix: "THUMB-SPICA", name: "Thumb Spica Splint", category: "supports", sizes: SML, colors: ["BLK", "BEI"], priceCents: 2790, leadTimeDays: 35, demand: 4, us: false, amazon: false, store: true },
  { prefix: "KT-TAPE", name: "Kinesiology Tape 5 m", category: "supports", sizes: ["5M"], colors: ["BLK", "BLU", "PNK", "BEI", "GRN"], priceCents: 1290, leadTimeDays: 7, demand: 60, us: true, amazon: true, store: true },
  { prefix: "TRAIN-TEE", name: "Training Tee", category: "apparel", sizes: [...APPAREL, "XXL"], colors: ["BLK", "WHT", "GRY", "NVY"], priceCents: 2990, leadTimeDays: 30, demand: 14, us: true, amazon: false, store: true },
  { prefix: "SPORTS-BRA", name: "Support Sports Bra", category: "apparel", sizes: APPAREL, colors: ["BLK", "NVY", "PNK"], priceCents: 3990, leadTimeDays: 30, demand: 10, us: true, amazon: true, store: true },
  { prefix: "JOGGER", name: "Recovery Jogger", category: "apparel", sizes: SMLXL, colors: ["BLK", "GRY", "NVY"], priceCents: 5990, leadTimeDays: 35, demand: 6, us: true, amazon: false, store: true },
  { prefix: "RUN-SHORT", name: "Running Shorts", category: "apparel", sizes: SMLXL, colors: ["BLK", "NVY"], priceCents: 3490, leadTimeDays: 30, demand: 6, us: true, amazon: true, store: false },
  { prefix: "HOODIE", name: "Tech Hoodie", category: "apparel", sizes: SMLXL, colors: ["BLK", "GRY"], priceCents: 6990, leadTimeDays: 40, demand: 4, us: false, amazon: false, store: true },
  { prefix: "LEGGING", name: "High-rise Legging", category: "apparel", sizes: APPAREL, colors: ["BLK", "NVY", "OLV"], priceCents: 5490, leadTimeDays: 30, demand: 12, us: true, amazon: false, store: true, launchedDaysAgo: 21 },
  { prefix: "CROP-TOP", name: "Seamless Crop Top", category: "apparel", sizes: ["XS", "S", "M", "L"], colors: ["BLK", "WHT", "OLV"], priceCents: 3290, leadTimeDays: 30, demand: 8, us: false, amazon: false, store: true, launchedDaysAgo: 12 },
  { prefix: "RUN-SOCK", name: "Running Socks 3-pack", category: "apparel", sizes: SML, colors: ["BLK", "WHT", "GRY"], priceCents: 1890, leadTimeDays: 21, demand: 9, us: true, amazon: true, store: true },
  { prefix: "FOAM-ROLLER", name: "Foam Roller", category: "recovery", sizes: ["30CM", "45CM", "90CM"], colors: ["BLK", "BLU"], priceCents: 2990, leadTimeDays: 21, demand: 8, us: true, amazon: true, store: true, dropship: true },
  { prefix: "MASSAGE-BALL", name: "Massage Ball Set", category: "recovery", sizes: ["OS"], colors: ["BLK", "ORG"], priceCents: 1490, leadTimeDays: 14, demand: 6, us: true, amazon: true, store: true },
  { prefix: "RES-BAND", name: "Resistance Band", category: "recovery", sizes: ["LT", "MD", "HV"], colors: ["GRN", "BLU"], priceCents: 1290, leadTimeDays: 14, demand: 7, us: true, amazon: true, store: true },
  { prefix: "COLD-PACK", name: "Reusable Cold Pack", category: "recovery", sizes: SML, colors: ["BLU"], priceCents: 1690, leadTimeDays: 14, demand: 5, us: true, amazon: true, store: true },
  { prefix: "HOT-COLD-WRAP", name: "Hot/Cold Knee Wrap", category: "recovery", sizes: ["OS"], colors: ["BLU", "GRY"], priceCents: 2490, leadTimeDays: 21, demand: 3, us: true, amazon: true, store: false },
  { prefix: "WRIST-WRAP", name: "Weightlifting Wrist Wraps", category: "recovery", sizes: ["OS"], colors: ["BLK", "RED", "BLU"], priceCents: 1590, leadTimeDays: 14, demand: 4, us: true, amazon: true, store: false },
];

export const COLOR_NAMES: Record<string, string> = {
  BLK: "Black", BEI: "Beige", GRY: "Gray", WHT: "White", NVY: "Navy", PNK: "Pink", BLU: "Blue", GRN: "Green", OLV: "Olive", ORG: "Orange", RED: "Red",
};
export const SIZE_NAMES: Record<string, string> = {
  OS: "One size", SM: "S/M", LX: "L/XL", "5M": "5 m roll", "30CM": "30 cm", "45CM": "45 cm", "90CM": "90 cm", LT: "Light", MD: "Medium", HV: "Heavy",
};

// How demand spreads over variants: middle sizes and black sell most (what apparel and brace sellers see).
export const SIZE_WEIGHT: Record<string, number> = { XS: 0.5, S: 0.8, M: 1.3, L: 1.2, XL: 0.7, XXL: 0.35 };
export const COLOR_WEIGHT: Record<string, number> = { BLK: 1.6, BEI: 0.9, PNK: 0.6, OLV: 0.7, ORG: 0.7, RED: 0.6 };
