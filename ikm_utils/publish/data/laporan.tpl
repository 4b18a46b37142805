<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="$generator">
<meta name="dcterms.created" content="$created">
<title>$title</title>
<style>
$css
</style>
</head>
<body>
<main class="laporan">
$cover
$toc
$body
</main>
</body>
</html>
