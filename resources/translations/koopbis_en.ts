<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="77" />
        <source>Kullanıcı ekle</source>
        <translation>Add user</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="92" />
        <source>&amp;Kullanıcı adı:</source>
        <translation>&amp;Username:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="93" />
        <source>&amp;Ad soyad:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="94" />
        <source>&amp;Rol:</source>
        <translation>&amp;Role:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="95" />
        <source>&amp;Parola:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="99" />
        <source>&amp;Ekle</source>
        <translation>&amp;Add</translation>
    </message>
</context>
<context>
    <name>AttachmentPanel</name>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/attachments_panel.py" line="52" />
        <source>Belge e&amp;kle…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/attachments_panel.py" line="54" />
        <source>Eki kaldır</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/attachments_panel.py" line="56" />
        <source>Aç</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/attachments_panel.py" line="58" />
        <source>Belgeyi bilgisayardaki görüntüleyiciyle açar</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/attachments_panel.py" line="70" />
        <source>PDF, JPG ya da PNG; en çok 10 MB. Dosyayı buraya sürükleyip bırakabilirsiniz.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/attachments_panel.py" line="134" />
        <source>Taranmış belge ekle</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/attachments_panel.py" line="136" />
        <source>Taranmış belgeler (*.pdf *.jpg *.jpeg *.png);;Tüm dosyalar (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/attachments_panel.py" line="152" />
        <source>'{0}' zaten ekli (aynı içerikte bir dosya).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/attachments_panel.py" line="156" />
        <source>'{0}' eklendi.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/attachments_panel.py" line="181" />
        <source>'{0}' kaldırıldı; kaydettiğinizde kayıttan çıkar.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/attachments_panel.py" line="221" />
        <source>PDF belgesi
{0}
{1}
Görmek için «Aç».</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="134" />
        <source>kayıt no (uuid)</source>
        <translation>entry id (uuid)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="137" />
        <source>kullanıcı adı</source>
        <translation>username</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="139" />
        <source>&amp;Tarih:</source>
        <translation>&amp;Date:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="146" />
        <source>&amp;Süz</source>
        <translation>&amp;Filter</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="147" />
        <source>&amp;Zinciri doğrula</source>
        <translation>&amp;Verify chain</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="166" />
        <source>◀ &amp;Önceki</source>
        <translation>◀ &amp;Previous</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="167" />
        <source>S&amp;onraki ▶</source>
        <translation>&amp;Next ▶</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="174" />
        <source>&amp;Kayıt:</source>
        <translation>&amp;Entry:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="176" />
        <source>K&amp;ullanıcı:</source>
        <translation>&amp;User:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="243" />
        <source>{0}–{1} / {2} kayıt</source>
        <translation>{0}–{1} of {2} rows</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="246" />
        <source>Bu süzgeçle denetim kaydı yok.</source>
        <translation>No audit rows match this filter.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="266" />
        <source>Zincir doğrulanıyor…</source>
        <translation>Verifying the chain…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="277" />
        <source>Denetim izi sağlam: {0} kayıt, son özet {1}.</source>
        <translation>Audit trail intact: {0} rows, head hash {1}.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="283" />
        <source>Denetim izi BOZULMUŞ: ilk sorunlu kayıt {0}: {1}</source>
        <translation>Audit trail BROKEN: first bad row {0}: {1}</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="47" />
        <source>Sıra</source>
        <translation>Seq</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="48" />
        <source>Zaman</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="49" />
        <source>Kullanıcı</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="50" />
        <source>İşlem</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="51" />
        <source>Kayıt</source>
        <translation>Entry</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="52" />
        <source>Durum değişimi</source>
        <translation>State change</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="53" />
        <source>Not / ayrıntı</source>
        <translation>Note / details</translation>
    </message>
</context>
<context>
    <name>ComboField</name>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/fields.py" line="369" />
        <source>— seçin —</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CooperativesPage</name>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="115" />
        <source>Unvan, sicil no ya da VKN</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="117" />
        <source>&amp;Ara:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="125" />
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="455" />
        <source>Sicil no</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="126" />
        <source>Unvan</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="127" />
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="456" />
        <source>Tür</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="129" />
        <source>İlçe</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="132" />
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="459" />
        <source>VKN</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="133" />
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="243" />
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="462" />
        <source>Durum</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="170" />
        <source>Bu kooperatif için &amp;yeni kayıt</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="174" />
        <source>Seçili kooperatif için yeni kayıt başlatır (Ctrl+Shift+N).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="180" />
        <source>TCKN / VKN</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="181" />
        <source>Adı Soyadı / Unvanı</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="182" />
        <source>Pay</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="184" />
        <source>Giriş tarihi</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="193" />
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="208" />
        <source>Adı Soyadı</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="194" />
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="209" />
        <source>T.C. Kimlik No</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="196" />
        <source>Görevi</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="199" />
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="211" />
        <source>Görev süresi</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="220" />
        <source>Tarih</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="222" />
        <source>Türü</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="226" />
        <source>Hesap yılı</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="230" />
        <source>Yeri</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="232" />
        <source>Sonuç</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="242" />
        <source>Kayıt türü</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="244" />
        <source>Yazan</source>
        <translation>Author</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="246" />
        <source>Geçerlilik</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="251" />
        <source>Son değişiklik</source>
        <translation>Last change</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="267" />
        <source>Enter ya da çift tıklama: kaydı inceleme penceresinde açar.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="271" />
        <source>&amp;Ortaklar</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="272" />
        <source>Yö&amp;netim kurulu</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="273" />
        <source>&amp;Denetim kurulu</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="274" />
        <source>&amp;Genel kurullar</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="275" />
        <source>Ye&amp;rel kayıtlar</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="277" />
        <source>Ayrıntıları görmek için listeden bir kooperatif seçin.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="307" />
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="322" />
        <source>Aramak için unvan, sicil no ya da VKN yazın.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="344" />
        <source>Eşleşen kooperatif yok. Unvanın bir kelimesini, sicil no ya da VKN yazın.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="409" />
        <source>Bu kooperatif artık kooperatif listesinde yok.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="424" />
        <source>&amp;Ortaklar ({0})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="425" />
        <source>Yö&amp;netim kurulu ({0})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="426" />
        <source>&amp;Denetim kurulu ({0})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="427" />
        <source>&amp;Genel kurullar ({0})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="428" />
        <source>Ye&amp;rel kayıtlar ({0})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="457" />
        <source>İl / İlçe</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="458" />
        <source>Adres</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="460" />
        <source>Ticaret sicil no</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="461" />
        <source>Kuruluş tarihi</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/fields.py" line="217" />
        <source>GG.AA.YYYY</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/fields.py" line="223" />
        <source>Takvimden seç (Alt+Aşağı ok)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>EntryEditor</name>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="280" />
        <source>Kayıt formu</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="355" />
        <source>Form yükleniyor…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="374" />
        <source>Kooperatif ara: unvan, sicil no ya da VKN (ör. ışık, 06-…)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="380" />
        <source>&amp;Kooperatif *</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="422" />
        <source>Ekler (karar ve tutanak taramaları)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="431" />
        <source>&amp;Kaydet (Ctrl+S)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="433" />
        <source>&amp;Onaya gönder (Ctrl+Enter)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="435" />
        <source>Kapat (Esc)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="483" />
        <source>{0} — kayıt formu</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="510" />
        <source>Otomatik kaydedilmiş form geri yüklendi; kaydetmeyi unutmayın.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="515" />
        <source>Form açılamadı</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="522" />
        <source>Kayıt girişini memurlar ve şefler yapar; yönetici hesabıyla kayıt girilmez.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="530" />
        <source>Salt okunur: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="545" />
        <source>Şef iade notu</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="545" />
        <source>Son iade notu</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="550" />
        <source>Yeni kooperatif kuruluşu: sicil numarasını KOOP-BİS verecek.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="556" />
        <source>kuruluş {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="561" />
        <source>şu anki durum: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="565" />
        <source>Kooperatif: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="569" />
        <source>Kooperatif: {0} (çevrimdışı listede bulunamadı)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="572" />
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="797" />
        <source>Önce kooperatifi seçin.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="575" />
        <source>Durum: {0}, {1}. sürüm</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="577" />
        <source>Yeni kayıt</source>
        <translation>New entry</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="708" />
        <source>Geçerli</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="732" />
        <source>Tabloda {0} hücre hatalı; hatalı hücrenin üzerine gelince nedeni görünür.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="762" />
        <source>Şu anki: çevrimdışı listede kayıtlı değil</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="764" />
        <source>Şu anki: kayıtlı — {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="767" />
        <source>Şu anki: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="777" />
        <source>{0} hata</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="779" />
        <source>{0} uyarı (1163 s.K.)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="782" />
        <source>Form geçerli; onaya gönderilebilir.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="793" />
        <source>Form yükleniyor.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="800" />
        <source>{0} hata düzeltilmeden onaya gönderilemez.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="806" />
        <source>Kaydedip şefin onayına gönderir.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="809" />
        <source>Hatalar olsa da taslak olarak kaydeder.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="813" />
        <source>Kaydedilmemiş değişiklikler var (otomatik yedekleniyor).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="840" />
        <source>Eşleşen kooperatif yok.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="894" />
        <source>Kaydetmek için önce kooperatifi seçin.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="932" />
        <source>Kaydediliyor…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="952" />
        <source>{0} onaya gönderildi.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="957" />
        <source>Kayıt onaya gönderildi.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="963" />
        <source>Kaydedildi, ama onaya gönderilemedi: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="967" />
        <source>{0} taslak olarak kaydedildi ({1}. sürüm).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="981" />
        <source>Kaydedilemedi: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="1022" />
        <source>Kaydedilmemiş değişiklikler</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="1023" />
        <source>Kaydedilmemiş değişiklikler var.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="1026" />
        <source>Kaydet: taslak olarak kaydeder. Vazgeç: bu formdaki kaydedilmemiş değişiklikleri atar. İptal: forma geri döner.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="1030" />
        <source>Kaydet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="1031" />
        <source>Vazgeç (değişiklikleri at)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="1032" />
        <source>İptal</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>EntryTableModel</name>
    <message>
        <location filename="../../koopbis_desktop/ui/models/entries.py" line="40" />
        <source>Durum</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/models/entries.py" line="41" />
        <source>Tür</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/models/entries.py" line="42" />
        <source>Kooperatif</source>
        <translation>Cooperative</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/models/entries.py" line="43" />
        <source>Tarih</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/models/entries.py" line="44" />
        <source>Yazan</source>
        <translation>Author</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/models/entries.py" line="45" />
        <source>Son değişiklik</source>
        <translation>Last change</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/models/entries.py" line="46" />
        <source>KOOP-BİS fiş no</source>
        <translation>KOOP-BİS receipt</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/models/entries.py" line="258" />
        <source>Kayıtta düzeltilmesi gereken hatalar var.</source>
        <translation>The entry has errors to fix.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/models/entries.py" line="262" />
        <source>Kayıtta 1163 sayılı Kanun uyarıları var.</source>
        <translation>The entry has Law 1163 warnings.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/models/entries.py" line="265" />
        <source>Şefin notu: {0}</source>
        <translation>Supervisor's note: {0}</translation>
    </message>
</context>
<context>
    <name>EntryView</name>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="523" />
        <source>Ne değişiyor</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="524" />
        <source>Önce (KOOP-BİS kaydı)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="525" />
        <source>Sonra (bu kayıtla)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="526" />
        <source>Değişiklik</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="532" />
        <source>Bu kayıt KOOP-BİS'teki mevcut bir bilgiyi değiştirmiyor.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="552" />
        <source>Revizyon</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="553" />
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="643" />
        <source>Yazan</source>
        <translation>Author</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="554" />
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="584" />
        <source>Zaman</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="555" />
        <source>Not</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="563" />
        <source>Alan</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="564" />
        <source>Önceki revizyon</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="565" />
        <source>Bu revizyon</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="585" />
        <source>Kim</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="586" />
        <source>İşlem</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="588" />
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="642" />
        <source>Durum</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="595" />
        <source>Açıklama</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="602" />
        <source>Ön&amp;ce → sonra</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="603" />
        <source>Kayıt i&amp;çeriği</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="604" />
        <source>&amp;Revizyonlar</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="605" />
        <source>İşlem &amp;geçmişi</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="634" />
        <source>&amp;Revizyonlar ({0})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="638" />
        <source>yeni kuruluş</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="641" />
        <source>Kooperatif</source>
        <translation>Cooperative</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="645" />
        <source>Oluşturuldu</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="653" />
        <source>Geçerlilik tarihi</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="656" />
        <source>Onaylayan</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="658" />
        <source>Son iade nedeni</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="731" />
        <source>Revizyon {0}: ilk yazılan hâli.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="735" />
        <source>Revizyon {0}, revizyon {1} ile karşılaştırılıyor: {2} alan değişti (sarı).</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="69" />
        <source>KOOP-BİS Masaüstü — ilk kurulum</source>
        <translation>KOOP-BİS Desktop — first set-up</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="73" />
        <source>Bu bilgisayarda henüz KOOP-BİS Masaüstü veritabanı yok. İlinizi seçin ve ilk yönetici hesabını oluşturun. Elinizde il müdürlüğünün kooperatif dökümü (CSV ya da XLSX) varsa şimdi içe aktarabilirsiniz; sonra da aktarılabilir.</source>
        <translation>This computer has no KOOP-BİS Desktop database yet. Choose your province and create the first administrator account. If you have the provincial directorate's cooperative list (CSV or XLSX) you can import it now; it can also be imported later.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="81" />
        <source>il adı ya da plaka kodu yazın</source>
        <translation>type a province name or plate code</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="92" />
        <source>isteğe bağlı: kooperatifler.csv ya da .xlsx</source>
        <translation>optional: cooperatives.csv or .xlsx</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="93" />
        <source>&amp;Seç…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="105" />
        <source>İl &amp;ara:</source>
        <translation>&amp;Search province:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="106" />
        <source>İ&amp;l:</source>
        <translation>Pro&amp;vince:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="107" />
        <source>Yönetici &amp;kullanıcı adı:</source>
        <translation>Administrator &amp;username:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="108" />
        <source>&amp;Ad soyad:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="109" />
        <source>&amp;Parola (iki kez):</source>
        <translation>&amp;Password (twice):</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="110" />
        <source>Kooperatif &amp;dökümü:</source>
        <translation>Cooperative &amp;list:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="116" />
        <source>Veritabanını &amp;oluştur</source>
        <translation>&amp;Create database</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="117" />
        <source>&amp;Vazgeç</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="144" />
        <source>Kooperatif dökümü</source>
        <translation>Cooperative list</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="144" />
        <source>Tablolar (*.csv *.xlsx);;Tüm dosyalar (*)</source>
        <translation>Tables (*.csv *.xlsx);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="158" />
        <source>Listeden ilinizi seçin.</source>
        <translation>Choose your province from the list.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="162" />
        <source>Yönetici kullanıcı adını yazın.</source>
        <translation>Type the administrator's username.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="171" />
        <source>Döküm dosyası bulunamadı: {0}</source>
        <translation>List file not found: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="175" />
        <source>Veritabanı hazırlanıyor…</source>
        <translation>Preparing the database…</translation>
    </message>
</context>
<context>
    <name>GroupField</name>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/group_table.py" line="113" />
        <source>Satır &amp;ekle (Insert)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/group_table.py" line="115" />
        <source>Satırı &amp;sil (Ctrl+Delete)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LineField</name>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/fields.py" line="112" />
        <source>11 haneli T.C. Kimlik No</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/fields.py" line="113" />
        <source>10 haneli Vergi Kimlik No</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/fields.py" line="114" />
        <source>T.C. Kimlik No (11) ya da VKN (10)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/fields.py" line="115" />
        <source>16 haneli MERSİS No</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/fields.py" line="116" />
        <source>ör. 0312 555 12 34</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/fields.py" line="117" />
        <source>ör. 1.250,50</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/fields.py" line="118" />
        <source>tam sayı</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <location filename="../../koopbis_desktop/ui/idle.py" line="92" />
        <source>Ekran kilitli</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/idle.py" line="100" />
        <source>{0} için ekran, uzun süre işlem yapılmadığı için kilitlendi. Açık formlarınız olduğu gibi duruyor; devam etmek için parolanızı yazın. Başka bir kullanıcıysanız önce bu oturumu kapatın.</source>
        <translation>The screen of {0} was locked after a period without activity. Your open forms are kept as they were; type your password to continue. If you are another user, sign this session out first.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/idle.py" line="108" />
        <source>&amp;Kilidi aç</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/idle.py" line="110" />
        <source>Oturumu &amp;kapat</source>
        <translation>Sign &amp;out</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../koopbis_desktop/ui/login.py" line="67" />
        <source>KOOP-BİS Masaüstü — Giriş</source>
        <translation>KOOP-BİS Desktop — Sign in</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/login.py" line="70" />
        <source>&lt;h2&gt;KOOP-BİS Masaüstü&lt;/h2&gt;Kooperatif değişiklik kayıtları — çevrimdışı</source>
        <translation>&lt;h2&gt;KOOP-BİS Desktop&lt;/h2&gt;Cooperative change records — offline</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/login.py" line="87" />
        <source>&amp;Kullanıcı adı:</source>
        <translation>&amp;Username:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/login.py" line="88" />
        <source>&amp;Parola:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/login.py" line="93" />
        <source>&amp;Giriş</source>
        <translation>&amp;Sign in</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/login.py" line="96" />
        <source>Ç&amp;ıkış</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/login.py" line="135" />
        <source>Kullanıcı adınızı yazın.</source>
        <translation>Type your username.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/login.py" line="139" />
        <source>Parolanızı yazın.</source>
        <translation>Type your password.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/login.py" line="143" />
        <source>Parola denetleniyor…</source>
        <translation>Checking the password…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="74" />
        <source>KOOP-BİS Masaüstü</source>
        <translation>KOOP-BİS Desktop</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="141" />
        <source>Yeni kayıt</source>
        <translation>New entry</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="144" />
        <source>Kooperatifler</source>
        <translation>Cooperatives</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="146" />
        <source>Denetim izi</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="154" />
        <source>Kooperatif arama bu sürümde açılamıyor. Bilgi işleme bildirin.</source>
        <translation>Cooperative lookup cannot open in this version. Tell IT support.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="164" />
        <source>&amp;Dosya</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="165" />
        <source>&amp;Yeni kayıt</source>
        <translation>&amp;New entry</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="169" />
        <source>Ekranı &amp;kilitle</source>
        <translation>&amp;Lock screen</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="173" />
        <source>&amp;Oturumu kapat</source>
        <translation>Sign &amp;out</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="178" />
        <source>Çı&amp;kış</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="183" />
        <source>&amp;Git</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="192" />
        <source>&amp;Yenile</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="200" />
        <source>&amp;Yönetim</source>
        <translation>&amp;Administration</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="201" />
        <source>&amp;Ayarlar…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="205" />
        <source>&amp;Kullanıcılar…</source>
        <translation>&amp;Users…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="209" />
        <source>Yardı&amp;m</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="210" />
        <source>&amp;Hakkında</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="250" />
        <source>KOOP-BİS bakımda. Kayıtlarınız bu bilgisayarda güvenle saklanıyor ve onaylandıktan sonra {0} KOOP-BİS açılınca sırayla aktarılacak.</source>
        <translation>KOOP-BİS is in maintenance. Your entries are kept safely on this computer and, once approved, will be sent in order when KOOP-BİS opens ({0}).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="256" />
        <source>Eşitleme: KOOP-BİS açılışı bekleniyor ({0})</source>
        <translation>Sync: waiting for KOOP-BİS to open ({0})</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="261" />
        <source>Eşitleme henüz yapılmadı</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="264" />
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="279" />
        <source>Yerel kayıtlar — {0}</source>
        <translation>Local entries — {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="295" />
        <source>Hata</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="311" />
        <source>KOOP-BİS Masaüstü hakkında</source>
        <translation>About KOOP-BİS Desktop</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="313" />
        <source>KOOP-BİS Masaüstü {0}

KOOP-BİS bakımdayken kooperatif değişikliklerini çevrimdışı kaydetmek, onaylamak ve açılışta KOOP-BİS'e aktarmak için.</source>
        <translation>KOOP-BİS Desktop {0}

Records and approves cooperative changes offline while KOOP-BİS is in maintenance, and sends them to KOOP-BİS when it opens.</translation>
    </message>
</context>
<context>
    <name>NewEntryPage</name>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/new_entry.py" line="129" />
        <source>Kaydetmek istediğiniz değişikliğin türünü seçip Enter'a basın. Form açılınca kooperatifi unvanı, sicil no ya da VKN ile bulabilirsiniz.</source>
        <translation>Choose the kind of change to record and press Enter. In the form, find the cooperative by title, registry number or tax number.</translation>
    </message>
</context>
<context>
    <name>PasswordPair</name>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="55" />
        <source>parola (en az {0} karakter)</source>
        <translation>password (at least {0} characters)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="57" />
        <source>parola (yeniden)</source>
        <translation>password (again)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="65" />
        <source>Parola en az {0} karakter olmalıdır.</source>
        <translation>The password must have at least {0} characters.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="67" />
        <source>İki parola aynı değil; yeniden yazın.</source>
        <translation>The two passwords differ; type them again.</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="50" />
        <source>Taslaklarım</source>
        <translation>My drafts</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="53" />
        <source>Kendi taslaklarınız ve şefin iade ettiği kayıtlar. İade edilenler sarı; şefin notu aşağıda görünür.</source>
        <translation>Your drafts and the entries a supervisor returned. Returned ones are yellow; the supervisor's note shows below.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="58" />
        <source>Onay bekleyenler</source>
        <translation>Awaiting approval</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="59" />
        <source>Onaylananlar</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="62" />
        <source>Eşitleme</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="64" />
        <source>KOOP-BİS {0} tarihinde açılır. O güne kadar onaylanan kayıtlar bu bilgisayarda saklanır; açılıştan sonra sırayla KOOP-BİS'e aktarılır.</source>
        <translation>KOOP-BİS opens on {0}. Until then approved entries are kept on this computer; after the opening they are sent to KOOP-BİS in order.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="72" />
        <source>Çakışmalar</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="74" />
        <source>KOOP-BİS'teki güncel bilgiyle çelişen kayıtlar; şefin karar vermesi gerekir.</source>
        <translation>Entries that contradict current KOOP-BİS data; a supervisor must decide.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="78" />
        <source>Tüm kayıtlar</source>
        <translation>All entries</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="102" />
        <source>Tümü</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="108" />
        <source>Tüm türler</source>
        <translation>All types</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="113" />
        <source>kullanıcı adı</source>
        <translation>username</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="117" />
        <source>&amp;Tarih aralığı</source>
        <translation>&amp;Date range</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="129" />
        <source>Ara: kooperatif, kişi, karar no… (Türkçe harfsiz de olur)</source>
        <translation>Search: cooperative, person, decision no… (Turkish letters optional)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="135" />
        <source>A&amp;ra:</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="136" />
        <source>Tü&amp;r:</source>
        <translation>T&amp;ype:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="138" />
        <source>&amp;Durum:</source>
        <translation>S&amp;tate:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="142" />
        <source>&amp;Yazan:</source>
        <translation>&amp;Author:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="265" />
        <source>Bu sütuna göre sıralanamaz.</source>
        <translation>This column cannot be sorted.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="277" />
        <source>Bu listede kayıt yok.</source>
        <translation>No entries in this list.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="280" />
        <source>{0} kayıt ({1} tanesi yüklendi; kaydırdıkça gelir)</source>
        <translation>{0} entries ({1} loaded; more load as you scroll)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="283" />
        <source>{0} kayıt</source>
        <translation>{0} entries</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="302" />
        <source>Şefin iade notu: {0}</source>
        <translation>Supervisor's return note: {0}</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="139" />
        <source>Parola sıfırla: {0}</source>
        <translation>Reset password: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="148" />
        <source>{0} için yeni parola:</source>
        <translation>New password for {0}:</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="61" />
        <source>Kayıt incelemesi</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="65" />
        <source>Kayıt yükleniyor…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="70" />
        <source>&amp;Açıklama (iade ederken zorunlu: memur neyi düzelteceğini bilmeli):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="76" />
        <source>Örneğin: Karar numarası yanlış; yönetim kurulu kararına göre düzeltin.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="82" />
        <source>&amp;Onayla</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="84" />
        <source>&amp;İade et</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="86" />
        <source>&amp;Kapat</source>
        <translation>&amp;Disable</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="136" />
        <source>Kayıt incelemesi — {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="144" />
        <source>Kaydı inceleyin; onaylayın ya da açıklama yazarak iade edin.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="164" />
        <source>Kaydı onaylar; onaylanan kayıt KOOP-BİS açılınca aktarılır (Ctrl+Enter).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="169" />
        <source>Kaydı yazan memura geri gönderir; açıklama kutusuna neyin düzeltileceğini yazın.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="193" />
        <source>Onaylanıyor…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="207" />
        <source>İade nedeni yazılmalıdır: memur neyi düzelteceğini bilmeli. Açıklama kutusuna yazın.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="215" />
        <source>İade ediliyor…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/settings.py" line="48" />
        <source>Ayarlar</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/settings.py" line="81" />
        <source>&amp;Parolayı kaydet</source>
        <translation>&amp;Save password</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/settings.py" line="86" />
        <source>KOOP-BİS parolası</source>
        <translation>KOOP-BİS password</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/settings.py" line="93" />
        <source>Parola yalnızca işletim sisteminin güvenli parola deposuna kaydedilir; veritabanına ya da ayar dosyasına yazılmaz.</source>
        <translation>The password is stored only in the operating system's secure password store; never in the database or a settings file.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/settings.py" line="110" />
        <source>&amp;Kaydet</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/settings.py" line="111" />
        <source>&amp;Vazgeç</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/settings.py" line="191" />
        <source>Kırmızı ile gösterilen alanları düzeltin; hiçbir ayar kaydedilmedi.</source>
        <translation>Correct the fields shown in red; no setting was saved.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/settings.py" line="214" />
        <source>Ayarlar kaydedildi.</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/settings.py" line="229" />
        <source>Kaydedilecek parolayı yazın.</source>
        <translation>Type the password to save.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/settings.py" line="233" />
        <source>Önce KOOP-BİS kullanıcı adını yazın.</source>
        <translation>Type the KOOP-BİS username first.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/settings.py" line="239" />
        <source>Parola, {0} hesabı için işletim sisteminin güvenli deposuna kaydedildi.</source>
        <translation>The password for account {0} was saved in the operating system's secure store.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/settings.py" line="247" />
        <source>Bu bilgisayarda güvenli parola deposu yok; parola hiçbir yere kaydedilmedi. Eşitleme sırasında KOOP-BİS parolası sorulacak.</source>
        <translation>This computer has no secure password store; the password was not saved anywhere. The KOOP-BİS password will be asked for at sync time.</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <location filename="../../koopbis_desktop/ui/app.py" line="98" />
        <source>KOOP-BİS Masaüstü (DEMO) — Giriş</source>
        <translation>KOOP-BİS Desktop (DEMO) — Sign in</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/app.py" line="121" />
        <source>KOOP-BİS Masaüstü (DEMO)</source>
        <translation>KOOP-BİS Desktop (DEMO)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/app.py" line="196" />
        <source>Demo veritabanı hazırlanıyor (500 kooperatif, örnek kayıtlar)… Birkaç saniye sürer.</source>
        <translation>Preparing the demo database (500 cooperatives, sample entries)… This takes a few seconds.</translation>
    </message>
</context>
<context>
    <name>TypeChooser</name>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/new_entry.py" line="38" />
        <source>Yazarak süzün, örneğin: ortak, genel kurul, tasfiye</source>
        <translation>Type to filter, e.g. ortak, genel kurul, tasfiye</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/new_entry.py" line="51" />
        <source>Bu sözcükle eşleşen kayıt türü yok.</source>
        <translation>No change type matches this word.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/new_entry.py" line="53" />
        <source>Kayıt &amp;türü:</source>
        <translation>Change &amp;type:</translation>
    </message>
</context>
<context>
    <name>TypeChooserDialog</name>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/new_entry.py" line="151" />
        <source>Yeni kayıt: {0}</source>
        <translation>New entry: {0}</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="168" />
        <source>Kullanıcı adı</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="169" />
        <source>Ad soyad</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="170" />
        <source>Rol</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="171" />
        <source>Durum</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="179" />
        <source>Kullanıcılar</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="187" />
        <source>&amp;Ekle…</source>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="188" />
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="255" />
        <source>&amp;Kapat</source>
        <translation>&amp;Disable</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="189" />
        <source>Kilidi &amp;aç</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="190" />
        <source>&amp;Parola sıfırla…</source>
        <translation>&amp;Reset password…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="203" />
        <source>Ka&amp;pat</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="231" />
        <source>Kapalı</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="233" />
        <source>Kilitli</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="235" />
        <source>Etkin</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="255" />
        <source>&amp;Aç</source>
        <translation>&amp;Enable</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="275" />
        <source>Kullanıcı eklendi: {0}</source>
        <translation>User added: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="284" />
        <source>{0} hesabı kapatıldı.</source>
        <translation>Account {0} disabled.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="288" />
        <source>{0} hesabı açıldı.</source>
        <translation>Account {0} enabled.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="298" />
        <source>{0} hesabının kilidi açıldı.</source>
        <translation>Account {0} unlocked.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="311" />
        <source>{0} için yeni parola kaydedildi.</source>
        <translation>New password saved for {0}.</translation>
    </message>
</context>
<context>
    <name>editor</name>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="170" />
        <source>Değişiklik</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>opening</name>
    <message>
        <location filename="../../koopbis_desktop/ui/opening.py" line="29" />
        <source>Açılamadı</source>
        <translation>Cannot open</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/opening.py" line="30" />
        <source>Bu bölüm bu sürümde açılamıyor ({0}). Bilgi işleme bildirin; kayıtlarınız güvende.</source>
        <translation>This part cannot open in this version ({0}). Tell IT support; your entries are safe.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/opening.py" line="46" />
        <location filename="../../koopbis_desktop/ui/opening.py" line="65" />
        <source>kayıt formu</source>
        <translation>entry form</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/opening.py" line="72" />
        <source>kayıt görünümü</source>
        <translation>entry view</translation>
    </message>
</context>
</TS>