-- AlterTable
ALTER TABLE "source" ADD COLUMN     "shop_domain" TEXT;
