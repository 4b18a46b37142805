# Parameter laporan Survei Kepuasan Masyarakat (SKM): $nama, $periode_label.
# Dibuat oleh `ikm new` pada $hari_ini. Baris yang diawali '#' adalah penjelasan atau contoh:
# hapus '#' di depan sebuah contoh untuk memakainya. Semua jalur berkas relatif terhadap folder
# berkas ini. Periksa isinya tanpa menjalankan apa pun dengan:
#     ikm render $jalur --dry-run

# -- Identitas unit (sampul dan BAB I) ---------------------------------------------------------
unit:
  nama: "$nama"  # wajib: nama unit penyelenggara pelayanan
  instansi: null  # mis. "Pemerintah Kabupaten Contoh"
  kabupaten_kota: null  # mis. "Kabupaten Contoh"
  alamat: null  # mis. "Jl. Contoh No. 1"
  kepala_unit: null  # isi seperti contoh di bawah (untuk lembar pengesahan)
  # kepala_unit:
  #   nama: "Nama Kepala Unit"
  #   nip: "197001012000031001"
  #   jabatan: "Kepala Dinas Contoh Kabupaten Contoh"  # dicetak persis seperti ditulis
  #   label_id: NIP  # label nomor di bawah nama: NIP, NRP (kepolisian), ...
  slug: $slug  # nama folder hasil di outputs/ (huruf kecil dan tanda hubung)
  logo: null  # berkas gambar lambang untuk sampul, di folder berkas ini (mis. logo.png)
  layanan: []  # jenis layanan unit, dicantumkan sebagai pilihan di kuesioner (Lampiran 1, ikm kuesioner)
  kontak: null  # baris kontak di infografis dan ringkasan publik, mis. "Pengaduan: WA 0811-..., surel ..."

# -- Periode, skema, bobot ---------------------------------------------------------------------
periode: "$periode"  # wajib: 2024-S1 / 2024-S2 (semester), 2024-TW1..2024-TW4 (triwulan), 2024 (tahunan)
skema: permen14_2017  # permen14_2017 (9 unsur, bawaan) | permen16_2014 | kepmenpan25_2004 (14 unsur)
# skema_kustom:  # hanya bila unit memakai unsur sendiri; bobot harus berjumlah 1
#   unsur:  # kode unsur skema dasar, atau unsur baru dengan nama, label jawaban 1-4 dan sinonim judul kolom
#     - U1
#     - U2
#     - U3
#     - {kode: U10, nama: "Kebersihan", label: ["Tidak bersih", "Kurang bersih", "Bersih", "Sangat bersih"], sinonim: ["kebersihan ruang tunggu"]}
#   bobot: [0.25, 0.25, 0.25, 0.25]
bobot: exact  # exact: 1/jumlah unsur (dianjurkan) | legacy: 0,111 seperti tercetak di peraturan

# -- Data jawaban responden --------------------------------------------------------------------
data:
  berkas: data/$periode.csv  # wajib: ekspor kuesioner (CSV atau XLSX)
  sheet: null  # lembar XLSX (nama atau nomor urut); null = lembar pertama
  long: null  # tata letak panjang (satu baris per responden x butir): {id: respondent_id, item: item, nilai: jawaban}
  kolom: {}  # judul kolom yang tidak dikenali otomatis: {U8: "Pengaduan", jenis_layanan: "Layanan yang diterima"}
  label: {}  # label jawaban khusus -> nilai 1-4: {U9: {"Mantap": 4}}, atau {"*": {...}} untuk semua unsur
  kode_huruf: false  # true bila jawaban ditulis a-d (a = 1, b = 2, c = 3, d = 4)
  kebijakan: stop  # stop: berhenti bila ada data bermasalah | exclude: kecualikan baris itu (dicatat di lampiran)
  id_responden: null  # kolom nomor responden (nomor ganda dilaporkan)
  kelompok_usia: [[17, 25], [26, 35], [36, 45], [46, 55], [56, null]]  # kelompok umur profil responden
  encoding: null  # pengodean berkas CSV, mis. cp1252; null = dikenali otomatis
  nilai_bawaan_formulir: null  # jawaban yang sudah terisi di formulir, mis. {U1: 4}: baris seperti itu ditandai
  kecualikan_bawaan_formulir: false  # true: baris sama dengan nilai_bawaan_formulir dikecualikan (dicatat di lampiran)
  # Urutan pertanyaan unsur DI FORMULIR ANDA, dengan nama unsur (kolom u1, u2, ... dibaca menurut urutan ini).
  # Banyak formulir menaruh sarana ke-8 dan pengaduan ke-9, kebalikan PermenPANRB 14/2017: SESUAIKAN.
  # 'permen' = urutan peraturan. Nama yang tidak dikenal skema adalah galat.
  urutan_kuesioner: [persyaratan, prosedur, waktu, biaya, produk, kompetensi, perilaku, pengaduan, sarana]
  saring: null  # satu unit dari ekspor banyak unit: {unit: "Bagian Organisasi"} (kolom: nilai atau [nilai, ...])

# -- Jumlah responden (BAB II 2.5) --------------------------------------------------------------
populasi: null  # N: jumlah pengguna layanan dalam periode ini; sampel minimum dihitung dengan Krejcie-Morgan

# -- Pelaksanaan survei (BAB II) ----------------------------------------------------------------
survei:
  pelaksana: null  # mis. "Tim SKM $nama"
  metode: null  # mis. "Kuesioner elektronik dan kertas di loket pelayanan"
  lokasi: null  # mis. "Kantor $nama"
  mulai: $mulai  # jawaban bertanggal di luar rentang mulai-selesai dilaporkan sebagai masalah
  selesai: $selesai
  jadwal:  # tahapan survei (2.4 Waktu Pelaksanaan); sesuaikan tanggalnya
    - {tahap: "Persiapan", mulai: $persiapan_mulai, selesai: $persiapan_selesai}
    - {tahap: "Pengumpulan data", mulai: $pengumpulan_mulai, selesai: $pengumpulan_selesai}
    - {tahap: "Pengolahan dan analisis data", mulai: $pengolahan_mulai, selesai: $pengolahan_selesai}
    - {tahap: "Penyusunan dan pelaporan hasil", mulai: $pelaporan_mulai, selesai: $pelaporan_selesai}
  tim: []  # susunan tim survei (2.1), mis. - {nama: "Nama", peran: "Ketua", jabatan: "Sekretaris Dinas"}
  pengambilan_sampel: null  # cara memilih responden (2.2); kosong = kalimat baku (sampel aksidental)

# -- Pengelompokan hasil (BAB III 3.2) ----------------------------------------------------------
kelompok: [jenis_layanan]  # kolom untuk tabel IKM per kelompok, mis. [jenis_layanan, unit]

# -- Rencana Tindak Lanjut (BAB IV 4.2) ---------------------------------------------------------
rtl: []  # kosong = tiga unsur terendah sebagai usulan ("belum ditetapkan"); isi seperti contoh di bawah
# rtl:
#   - unsur: U4
#     program: "Menyederhanakan alur pengambilan dokumen"
#     waktu: "Juli-Desember"
#     penanggung_jawab: "Kepala Bidang Pelayanan"
#     status: rencana  # rencana | proses | selesai: perbarui selama periode berikutnya (realisasi RTL)
#     selesai: null  # bulan selesai, YYYY-MM

# -- Teks pengganti (kosong = teks baku berbahasa Indonesia) -----------------------------------
narasi: {}
# narasi:
#   kata_pengantar: "..."
#   latar_belakang: "..."
#   maksud_tujuan: "..."
#   metode: "..."
#   kesimpulan_tambahan: "..."
#   penutup: "..."
#   analisis: "..."  # analisis unit sendiri, ditambahkan di 4.1

# -- Periode sebelum memakai ikm-report (untuk tren, BAB IV 4.3) --------------------------------
riwayat: []  # periode yang sudah dirender dengan `ikm render` dibaca otomatis dari outputs/
# riwayat:
#   - {periode: "2023-S2", ikm_konversi: 78.20, mutu: B, skema: permen14_2017, n_responden: 150, catatan: "dari laporan cetak"}

# -- Dokumentasi kegiatan survei (lampiran Dokumentasi) ---------------------------------------------------
dokumentasi: []  # foto kegiatan (PNG/JPG/SVG), disematkan ke laporan; jalur relatif terhadap berkas ini
# dokumentasi:
#   - {berkas: foto/loket.jpg, keterangan: "Pengisian kuesioner di loket pelayanan"}

# -- Pengesahan dan salinan ringkas -------------------------------------------------------------
pengesahan:
  tempat: null  # kosong = kota/kabupaten unit
  tanggal: null  # kosong = tanggal akhir jadwal
ringkas: false  # true = salinan pimpinan tanpa Analisis Tambahan dan Catatan Teknis
# -- Publikasi hasil (bukti evaluasi pelayanan publik, lampiran terakhir) -----------------------------
publikasi: []  # media tempat hasil SKM dipublikasikan; jumlahnya dihitung dalam bukti evaluasi
# publikasi:
#   - {media: "Laman resmi", alamat: "https://contoh.go.id/skm", tanggal: 2025-01-10}
#   - {media: "Papan informasi ruang pelayanan", tanggal: 2025-01-08}
#   - "Instagram @dinascontoh"  # cukup nama media bila tanpa alamat dan tanggal
# -- Berkas bersama ------------------------------------------------------------------------------
dasar: null  # berkas parameter bersama yang diperluas berkas ini (mis. ../_umum-2025-S2.yaml); kunci di sini menang
